using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// A decision form carries the version of the record it was shown on. When a colleague changed the record while the
/// form was open, the decision is refused, the colleague's change stands, and the page says what happened, rather
/// than the later decision silently overwriting the earlier one. Both databases.
/// </summary>
public sealed partial class SeenVersionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string ChangedMeanwhile = "Someone else changed this record after you opened it";

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>What a browser would send from the page as it was when the person opened it.</summary>
    private sealed record OpenForm(string Version, string Token);

    private static async Task<OpenForm> OpenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var version = VersionField().Match(html);
        version.Success.ShouldBeTrue($"{page} has no Version field");
        return new OpenForm(version.Groups[1].Value, WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string postTo, OpenForm form, Dictionary<string, string> fields)
    {
        fields["Version"] = form.Version;
        fields["__RequestVerificationToken"] = form.Token;
        return client.PostAsync(postTo, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_case_decision_made_on_an_older_version_is_refused_and_the_colleagues_change_stands(DatabaseProvider provider)
    {
        var app = fixture.Get(provider);
        var lead = app.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        var opened = await lead.PostMultipartAsync("/cases/new",
        [
            new("Form.SubmissionKey", Guid.NewGuid().ToString()),
            new("Form.Category", nameof(CaseCategory.UnpaidWages)),
            new("Form.Country", "RU"),
            new("Form.City", "Kazan"),
            new("Form.Employer", "TatStroy LLC"),
            new("Form.Narrative", "Three months of wages unpaid since September."),
        ]);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = opened.Headers.Location!.ToString();
        var reference = page["/cases/".Length..];

        var mine = await OpenAsync(lead, page);
        // A colleague, in another tab, raises the priority while the lead's form is open.
        var colleague = app.EnglishBrowser();
        await colleague.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        (await SubmitAsync(colleague, $"{page}?handler=Priority", await OpenAsync(colleague, page), new() { ["Priority"] = "Urgent", ["Note"] = "The worker is pregnant." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stale = await SubmitAsync(lead, $"{page}?handler=Priority", mine, new() { ["Priority"] = "Normal", ["Note"] = "Routine wage claim." });
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await stale.TextAsync();
        text.ShouldContain(ChangedMeanwhile);
        text.ShouldContain("Urgent");
        (await app.WithDbAsync(db => db.Set<LegalCase>().SingleAsync(c => c.Reference == reference))).Priority.ShouldBe(CasePriority.Urgent);

        // The page now carries the current version: the lead's considered decision goes through.
        (await SubmitAsync(lead, $"{page}?handler=Priority", await OpenAsync(lead, page), new() { ["Priority"] = "Normal", ["Note"] = "Checked with the colleague." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Set<LegalCase>().SingleAsync(c => c.Reference == reference))).Priority.ShouldBe(CasePriority.Normal);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_licence_action_taken_on_an_older_version_is_refused(DatabaseProvider provider)
    {
        var app = fixture.Get(provider);
        var licence = ReferenceCode.Create(AgencyQueries.LicencePrefix, 101);
        var page = $"/officer/licensing/agencies/{licence}";
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var colleague = app.EnglishBrowser();
        await colleague.SignInStaffAsync(DemoAccounts.OfficerEmail);

        var mine = await OpenAsync(officer, page);
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await SubmitAsync(colleague, page, await OpenAsync(colleague, page), new() { ["Action"] = "Suspend", ["SuspendUntil"] = until, ["Reason"] = "Fees charged to workers; refund ordered." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stale = await SubmitAsync(officer, page, mine, new() { ["Action"] = "Revoke", ["Reason"] = "Repeated violations." });
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.TextAsync()).ShouldContain(ChangedMeanwhile);
        var agency = await app.WithDbAsync(db => db.Set<Agency>().SingleAsync(a => a.LicenceNumber == licence));
        agency.LicenceStatus.ShouldBe(LicenceStatus.Suspended);
        agency.StatusReason.ShouldBe("Fees charged to workers; refund ordered.");
    }
}
