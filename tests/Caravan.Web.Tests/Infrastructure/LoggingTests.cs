using System.Net;
using System.Text.Json;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>ASVS 16.2 to 16.4: where a node's logs go, in what form, what is logged at Error, and that input cannot forge a line.</summary>
public class LoggingTests
{
    private sealed class ThrowingEndpoint : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(ctx => ctx.Request.Path.StartsWithSegments("/boom") ? throw new InvalidOperationException("boom for the log") : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task Outside_Development_logs_go_only_to_the_JSON_console_and_to_OTLP_when_it_is_set()
    {
        // ASVS 16.2.3 and 16.2.4: the destinations docs/security.md lists ("Logs"), and one machine-readable format.
        await using var plain = new CaravanApp(DatabaseProvider.Sqlite, environment: "Staging", seedSettings: []);
        _ = plain.Server;
        plain.Services.GetServices<ILoggerProvider>().Select(p => p.GetType().Name).ShouldBe(["ConsoleLoggerProvider"], ignoreOrder: true);
        plain.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Json);

        await using var collected = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" }, environment: "Staging", seedSettings: []);
        _ = collected.Server;
        collected.Services.GetServices<ILoggerProvider>().Select(p => p.GetType().Name).ShouldBe(["ConsoleLoggerProvider", "OpenTelemetryLoggerProvider"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_logged_value_with_line_breaks_and_JSON_stays_inside_its_one_JSON_line()
    {
        // ASVS 16.4.1: a partner's name, a reason from a refusal, anything logged from outside, is a JSON string value
        // in the node's own formatter, so it cannot end its line or add fields of its own.
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, environment: "Staging", seedSettings: []);
        _ = app.Server;
        var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        const string Forged = "Tashkent\r\n{\"LogLevel\":\"Critical\",\"Message\":\"forged\"}\n\u001b[31mred";
        var state = new List<KeyValuePair<string, object?>> { new("Partner", Forged), new("{OriginalFormat}", "Linking {Partner} failed") };
        using var output = new StringWriter();
        formatter.Write(new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Warning, "Caravan.Test", new EventId(7), state, null, (s, _) => "Linking " + Forged + " failed"), null, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem();
        lines[0].ShouldNotContain("\u001b");
        using var entry = JsonDocument.Parse(lines[0]);
        entry.RootElement.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        entry.RootElement.GetProperty("Message").GetString().ShouldBe("Linking " + Forged + " failed");
        entry.RootElement.GetProperty("State").GetProperty("Partner").GetString().ShouldBe(Forged);
    }

    [Fact]
    public async Task An_unexpected_error_is_logged_at_Error_with_its_exception()
    {
        // ASVS 16.3.4: the person sees a generic page (PlatformTests); the operator sees what failed.
        var recorder = new LogRecorder();
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, services: s => s.AddSingleton<ILoggerProvider>(recorder));
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingEndpoint>()));
        (await failing.CreateClient().GetAsync("/boom")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        recorder.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Exception.Message == "boom for the log");
    }
}
