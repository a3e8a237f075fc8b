using System.Net;
using System.Net.Http.Json;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Web.Infrastructure;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Api;

/// <summary>POST /api/v1/tips/track: a tip's status by its code for SMS and USSD services, on both databases.</summary>
public class CasesEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_tip_is_followed_by_its_code_and_wrong_codes_are_refused(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var reporter = app.EnglishBrowser();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.SubmissionKey", Guid.NewGuid().ToString()),
            new("Form.Category", nameof(CaseCategory.DocumentRetention)),
            new("Form.Country", "KZ"),
            new("Form.City", "Shymkent"),
            new("Form.Narrative", "The brigade leader keeps all our passports."),
        };
        var page = await (await reporter.PostMultipartAsync("/report", fields)).TextAsync();
        var code = System.Text.RegularExpressions.Regex.Match(page, "id=\"tracking-code\"[^>]*>([A-Z0-9-]{14})<").Groups[1].Value;
        code.Length.ShouldBe(14);

        var api = app.CreateClient();
        var found = await api.PostAsJsonAsync("/api/v1/tips/track?culture=ru", new { code });
        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        found.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var status = await found.Content.ReadFromJsonAsync<StatusDto>();
        status!.Category.ShouldBe("DocumentRetention");
        status.Status.ShouldBe("Open");
        status.StatusText.ShouldBe("Открыто");
        status.MessagesFromCaseWorker.ShouldBe(0);

        var wrong = await api.PostAsJsonAsync("/api/v1/tips/track?culture=en", new { code = "AAAA-BBBB-CCCC" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("No report has this tracking code");
        (await api.PostAsJsonAsync("/api/v1/tips/track", new { code = "" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Ten_wrong_codes_lock_the_client_out_even_for_a_right_code_then_the_lock_ends(DatabaseProvider db)
    {
        // An app of its own, its guard on a clock the test moves: the lock counts every wrong code from one address.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new CaravanApp(db, services: s => s.AddSingleton(sp => new TrackingGuard(sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(), clock)));
        var code = await FileTipAsync(app);
        var api = app.CreateClient();
        for (var i = 0; i < TrackingGuard.MaxFailures; i++)
        {
            (await api.PostAsJsonAsync("/api/v1/tips/track", new { code = $"AAAA-BBBB-{i:0000}" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var locked = await api.PostAsJsonAsync("/api/v1/tips/track?culture=en", new { code });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await locked.Content.ReadAsStringAsync()).ShouldNotContain("DocumentRetention");

        clock.Advance(TimeSpan.FromMinutes(16));
        (await api.PostAsJsonAsync("/api/v1/tips/track", new { code })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> FileTipAsync(CaravanApp app)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.SubmissionKey", Guid.NewGuid().ToString()),
            new("Form.Category", nameof(CaseCategory.DocumentRetention)),
            new("Form.Country", "KZ"),
            new("Form.City", "Shymkent"),
            new("Form.Narrative", "The brigade leader keeps all our passports."),
        };
        var page = await (await app.EnglishBrowser().PostMultipartAsync("/report", fields)).TextAsync();
        var code = System.Text.RegularExpressions.Regex.Match(page, "id=\"tracking-code\"[^>]*>([A-Z0-9-]{14})<").Groups[1].Value;
        code.Length.ShouldBe(14);
        return code;
    }

    private sealed record StatusDto(string Category, string CategoryText, string Status, string StatusText, DateTime OpenedAt, int MessagesFromCaseWorker, DateTime? LastMessageAt);
}
