using System.Net;
using System.Net.Http.Json;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

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

    private sealed record StatusDto(string Category, string CategoryText, string Status, string StatusText, DateTime OpenedAt, int MessagesFromCaseWorker, DateTime? LastMessageAt);
}
