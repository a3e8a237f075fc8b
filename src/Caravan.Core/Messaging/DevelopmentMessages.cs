using System.Collections.Concurrent;
using Caravan.Core.Identity;
using Microsoft.Extensions.Logging;

namespace Caravan.Core.Messaging;

/// <summary>
/// Development only: keeps the last messages in memory for /dev/codes, so one-time codes and invitation links can be
/// read without a phone or a mail server. It is registered only when the host runs as Development, and start-up
/// refuses Messaging providers named Development anywhere else.
/// </summary>
public sealed partial class DevelopmentMessages(ILogger<DevelopmentMessages> logger, TimeProvider time) : ISmsTransport, IEmailTransport
{
    private const int Keep = 100;
    private readonly ConcurrentQueue<SentMessage> sent = new();

    /// <summary>Newest first.</summary>
    public IReadOnlyList<SentMessage> Sent => sent.Reverse().ToList();

    public Task<string?> SendAsync(string phoneE164, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        Keep1(new SentMessage(MessageChannel.Sms, phoneE164, null, text, time.GetUtcNow().UtcDateTime));
        LogSent(logger, "SMS", PhoneNumbers.Mask(phoneE164));
        return Task.FromResult<string?>(null);
    }

    Task<string?> IEmailTransport.SendAsync(string address, string subject, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        Keep1(new SentMessage(MessageChannel.Email, address, subject, body, time.GetUtcNow().UtcDateTime));
        LogSent(logger, "e-mail", Recipients.Mask(MessageChannel.Email, address));
        return Task.FromResult<string?>(null);
    }

    private void Keep1(SentMessage message)
    {
        sent.Enqueue(message);
        while (sent.Count > Keep && sent.TryDequeue(out _))
        {
        }
    }

    // The text stays out of the log: even in development, a habit of logging codes is one a copy-paste away from Production.
    [LoggerMessage(Level = LogLevel.Information, Message = "Development {Channel} to {MaskedRecipient}: read it at /dev/codes")]
    private static partial void LogSent(ILogger logger, string channel, string maskedRecipient);
}

public sealed record SentMessage(MessageChannel Channel, string To, string? Subject, string Text, DateTime SentAt);

public static class Recipients
{
    public static string Mask(MessageChannel channel, string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (channel == MessageChannel.Sms)
        {
            return PhoneNumbers.Mask(recipient);
        }

        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(recipient.AsSpan(0, 1), "***", recipient.AsSpan(at));
    }

    /// <summary>Folds the ways one recipient is written, so an opt-out matches however the number was typed.</summary>
    public static string Normalize(MessageChannel channel, string recipient) =>
        channel == MessageChannel.Sms ? PhoneNumbers.Normalize(recipient) : recipient.Trim().ToUpperInvariant();
}
