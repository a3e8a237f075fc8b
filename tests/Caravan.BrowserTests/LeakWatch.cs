using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Caravan.BrowserTests;

/// <summary>
/// What the browser journeys' node wrote down while they ran: every log line at Debug (with each structured value),
/// every finished span (name, attributes, events) and every requested URL; and, when the journeys' node stops, the
/// personal values the journeys entered into it. <see cref="LeakTests"/> reads it after every journey has run.
/// </summary>
public static class LeakWatch
{
    public static CapturingLoggerProvider Logs { get; } = new();

    public static ConcurrentQueue<Activity> Spans { get; } = new();

    public static ConcurrentQueue<string> Urls { get; } = new();

    /// <summary>Names, phone numbers, passport numbers, birth dates and e-mails in the node when it stopped.</summary>
    public static ConcurrentBag<string> PersonalValues { get; } = [];

    public static bool Collected { get; private set; }

    /// <summary>Logging at Debug for every category, the framework's included.</summary>
    public static IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        ["Logging:LogLevel:System"] = "Debug",
    };

    public static void Watch(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Logs);
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(new SpanCapture()));
        services.AddTransient<IStartupFilter, UrlCapture>();
    }

    /// <summary>Reads the personal values out of the node's database before the node stops.</summary>
    public static async Task CollectAsync(CaravanApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var sensitive = sp.GetRequiredService<SensitiveData>();
            var persons = await db.Set<Person>().IgnoreQueryFilters()
                .Select(p => new { p.GivenName, p.FamilyName, p.Patronymic, p.Phone, p.BirthDate, p.DocumentCipher }).ToListAsync();
            foreach (var p in persons)
            {
                Add(p.GivenName);
                Add(p.FamilyName);
                Add(p.Patronymic);
                Add($"{p.GivenName} {p.FamilyName}");
                Add(Digits(p.Phone));
                Add(p.DocumentCipher is null ? null : sensitive.Unprotect(p.DocumentCipher));
                if (p.BirthDate is { } born)
                {
                    Add(born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    Add(born.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            foreach (var u in await db.Users.Select(u => new { u.Email, u.PhoneNumber }).ToListAsync())
            {
                Add(u.Email);
                Add(Digits(u.PhoneNumber));
            }

            return 0;
        });
        Collected = true;
    }

    // Short values ("Ali", a two-letter patronymic key) would match inside ordinary words; four letters is the floor.
    private static void Add(string? value)
    {
        if (value is { Length: >= 4 } && !string.IsNullOrWhiteSpace(value))
        {
            PersonalValues.Add(value.Trim());
        }
    }

    /// <summary>The subscriber number (the last nine digits), so that every way of writing the number is caught.</summary>
    private static string? Digits(string? phone)
    {
        var digits = phone is null ? string.Empty : Regex.Replace(phone, "[^0-9]", string.Empty);
        return digits.Length >= 9 ? digits[^9..] : null;
    }

    private sealed class SpanCapture : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => Spans.Enqueue(data);
    }

    private sealed class UrlCapture : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                Urls.Enqueue(context.Request.Path + context.Request.QueryString);
                await following(context);
            });
            next(app);
        };
    }
}
