using System.Net;
using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>The public, account-free pages that a script could hammer, at the limits docs/security.md states.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task The_tip_form_allows_30_pages_per_ten_minutes_and_code_checks_60_a_minute_per_address()
    {
        // Threat model, D: tips need no account, so per-address limits are what keep one client from flooding the
        // queues, or from trying codes on /verify at speed. Each limit is counted on its own.
        await using var app = new CaravanApp(DatabaseProvider.Sqlite);
        var client = app.EnglishBrowser();
        var tips = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            tips.Add((await client.GetAsync("/report")).StatusCode);
        }

        tips.Take(30).ShouldAllBe(s => s == HttpStatusCode.OK);
        var refused = await client.GetAsync("/report");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.FromMinutes(5));
        tips[30].ShouldBe(HttpStatusCode.TooManyRequests);

        var checks = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            checks.Add((await client.GetAsync("/verify")).StatusCode);
        }

        checks.Take(60).ShouldAllBe(s => s == HttpStatusCode.OK);
        checks[60].ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/vacancies")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
