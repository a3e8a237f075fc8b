using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>One log entry as a test reads it: the message formatted, the exception kept as it was thrown.</summary>
public sealed record LogRecord(DateTime At, LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{At:HH:mm:ss} {Level} {Category}: {Message} {Exception?.GetType().Name} {Exception?.Message}";
}

/// <summary>
/// The entries at or above <paramref name="minimum"/>, the latest <paramref name="keep"/> of them, for a test that checks
/// what was logged or explains a failure with it.
/// </summary>
public sealed class LogRecorder(LogLevel minimum = LogLevel.Trace, int keep = int.MaxValue) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> entries = new();
    private readonly LogLevel minimumLevel = minimum;
    private readonly int kept = keep;

    public IEnumerable<LogRecord> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            owner.entries.Enqueue(new LogRecord(DateTime.UtcNow, logLevel, category, formatter(state, exception), exception));
            while (owner.entries.Count > owner.kept && owner.entries.TryDequeue(out _))
            {
            }
        }
    }
}
