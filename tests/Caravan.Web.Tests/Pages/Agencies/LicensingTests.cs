using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Agencies;

/// <summary>The licence lifecycle end to end over HTTP: apply, decide, change status, expire.</summary>
public class LicensingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Registers a new applicant and fills every step; returns the signed-in client and the application reference.</summary>
    private static async Task<(HttpClient Client, string Reference)> CompleteApplicationAsync(CaravanApp app, string legalName)
    {
        var client = app.EnglishBrowser();
        var email = $"applicant-{Guid.NewGuid():N}@example.org";
        var registered = await client.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Dilnoza Karimova",
            ["Email"] = email,
            ["Password"] = "Applicant-2026-pass",
            ["ConfirmPassword"] = "Applicant-2026-pass",
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        registered.Headers.Location!.OriginalString.ShouldBe("/agencies/apply");

        var started = await client.PostFormAsync("/agencies/apply", new Dictionary<string, string>(), "/agencies/apply?handler=Start");
        started.Headers.Location!.OriginalString.ShouldBe("/agencies/apply/organisation");

        (await client.PostFormAsync("/agencies/apply/organisation", new Dictionary<string, string>
        {
            ["LegalName"] = legalName,
            ["RegistrationNumber"] = "305 123 456",
        })).Headers.Location!.OriginalString.ShouldBe("/agencies/apply/contact");
        (await client.PostFormAsync("/agencies/apply/contact", new Dictionary<string, string>
        {
            ["RegionCode"] = "UZ-TK",
            ["Address"] = "12 Amir Temur Avenue, Tashkent",
            ["Email"] = "office@example.org",
            ["Phone"] = "+998 71 123 45 67",
        })).Headers.Location!.OriginalString.ShouldBe("/agencies/apply/scope");
        (await client.PostFormAsync("/agencies/apply/scope", new Dictionary<string, string>
        {
            ["Destinations"] = "KR",
            ["Sectors"] = "7",
        })).Headers.Location!.OriginalString.ShouldBe("/agencies/apply/guarantee");

        (await client.PostFormAsync("/agencies/apply/guarantee", new Dictionary<string, string>
        {
            ["Amount"] = "500 000 000",
            ["Currency"] = "UZS",
        })).Headers.Location!.OriginalString.ShouldBe("/agencies/apply/documents");
        (await client.PostFileAsync("/agencies/apply/documents", "/agencies/apply/documents?handler=Upload", "document", "charter.pdf", Pdf, "application/pdf"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync("/agencies/apply/documents", new Dictionary<string, string>(), "/agencies/apply/documents?handler=Continue"))
            .Headers.Location!.OriginalString.ShouldBe("/agencies/apply/check");
        var check = await (await client.GetAsync("/agencies/apply/check")).TextAsync();
        check.ShouldContain(legalName);
        check.ShouldContain("charter.pdf");
        var reference = await app.WithDbAsync(db => db.Set<LicenceApplication>().Where(a => a.LegalName == legalName).Select(a => a.Reference).SingleAsync());
        return (client, reference);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_agency_applies_and_an_officer_issues_a_numbered_licence_valid_for_three_years(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (applicant, reference) = await CompleteApplicationAsync(app, "Orzu Recruitment LLC");
        ReferenceCode.IsValid(reference, LicensingRules.ApplicationPrefix).ShouldBeTrue();

        (await applicant.PostFormAsync("/agencies/apply/check", new Dictionary<string, string>())).Headers.Location!.OriginalString.ShouldBe("/agencies/apply");
        (await (await applicant.GetAsync("/agencies/apply")).TextAsync()).ShouldContain(reference);
        // Once sent, the answers are frozen: a step page sends the applicant back to the status page.
        (await applicant.GetAsync("/agencies/apply/organisation")).Headers.Location!.OriginalString.ShouldBe("/agencies/apply");

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.GetAsync("/officer/licensing")).TextAsync()).ShouldContain(reference);
        var page = $"/officer/licensing/applications/{reference}";
        var noReason = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Decision"] = "Approve", ["Reason"] = "  " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noReason.TextAsync()).ShouldContain("Give the reasons for this decision");
        var documentId = await app.WithDbAsync(ctx => ctx.Set<LicenceDocument>().Where(d => ctx.Set<LicenceApplication>().Any(a => a.Id == d.ApplicationId && a.Reference == reference)).Select(d => d.Id).SingleAsync());
        var download = await officer.GetAsync($"/officer/licensing/documents/{documentId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        // Even opened in the site's origin (a browser that ignores the download), the file runs no script and loads nothing.
        download.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("default-src 'none'; sandbox");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        (await applicant.GetAsync($"/officer/licensing/documents/{documentId}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var approved = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Decision"] = "Approve", ["Reason"] = "All documents in order; guarantee confirmed by the bank." });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (agency, events, today) = await app.WithScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<CaravanDbContext>();
            var a = await ctx.Set<Agency>().Include(x => x.Destinations).SingleAsync(x => x.Name == "Orzu Recruitment LLC");
            var e = await ctx.Set<LicenceEvent>().Where(x => x.AgencyId == a.Id).ToListAsync();
            return (a, e, sp.GetRequiredService<LicensingCommands>().Today);
        });
        ReferenceCode.IsValid(agency.LicenceNumber, AgencyQueries.LicencePrefix).ShouldBeTrue();
        agency.LicenceStatus.ShouldBe(LicenceStatus.Valid);
        agency.LicenceValidUntil.ShouldBe(today.AddYears(3));
        agency.Destinations.Select(d => d.CountryCode).ShouldBe(["KR"]);
        agency.Sectors.ShouldBe(["7"]);
        agency.GuaranteeAmount.ShouldBe(500_000_000m);
        events.Select(e => e.Kind).ShouldBe([LicenceEventKind.Issued]);

        // The applicant's session picks up the new agency scope on its next visit.
        (await (await applicant.GetAsync("/agencies/apply")).TextAsync()).ShouldContain(agency.LicenceNumber!);
        (await applicant.GetAsync("/dashboard/agency")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var publicPage = await (await app.EnglishBrowser().GetAsync($"/agencies/{agency.LicenceNumber}")).TextAsync();
        publicPage.ShouldContain("Orzu Recruitment LLC");
        publicPage.ShouldContain("All documents in order");
        // A decided application cannot be decided again.
        (await officer.PostFormAsync(page, new Dictionary<string, string> { ["Decision"] = "Refuse", ["Reason"] = "second thoughts" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(ctx => ctx.Set<LicenceApplication>().SingleAsync(a => a.Reference == reference))).Status.ShouldBe(ApplicationStatus.Approved);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_uploaded_name_is_kept_as_display_text_without_its_path_or_control_characters_and_served_RFC_6266_encoded(DatabaseProvider db)
    {
        // ASVS 1.3.3, 5.3.2 and 5.4.2: the uploader's name is only ever shown or offered back, never a path; the file is
        // stored under a generated key; the download header carries the name encoded (filename*), not raw.
        var app = fixture.Get(db);
        var (applicant, reference) = await CompleteApplicationAsync(app, "Nur Safar LLC " + Guid.NewGuid().ToString("N")[..6]);
        const string Sent = "../../etc/Лицензия\u0007 №1\u001b.pdf";
        (await applicant.PostFileAsync("/agencies/apply/documents", "/agencies/apply/documents?handler=Upload", "document", Sent, Pdf, "application/pdf"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await applicant.PostFormAsync("/agencies/apply/check", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var document = await app.WithDbAsync(ctx => ctx.Set<LicenceDocument>()
            .Where(d => ctx.Set<LicenceApplication>().Any(a => a.Id == d.ApplicationId && a.Reference == reference) && d.FileName != "charter.pdf").SingleAsync());
        document.FileName.ShouldBe("Лицензия №1.pdf");
        document.StorageKey.ShouldNotContain("Лицензия");
        document.StorageKey.ShouldNotContain("..");

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var download = await officer.GetAsync($"/officer/licensing/documents/{document.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var disposition = download.Content.Headers.ContentDisposition!;
        disposition.FileNameStar.ShouldBe("Лицензия №1.pdf");
        string.Join(",", download.Content.Headers.GetValues("Content-Disposition")).ShouldContain("filename*=UTF-8''%D0%9B%D0%B8%D1%86");
        string.Join(",", download.Content.Headers.GetValues("Content-Disposition")).All(c => c < 128 && !char.IsControl(c)).ShouldBeTrue();
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_can_ask_for_changes_and_the_applicant_sees_the_reason_and_can_resend(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (applicant, reference) = await CompleteApplicationAsync(app, "Bunyod Travel Work");
        await applicant.PostFormAsync("/agencies/apply/check", new Dictionary<string, string>());
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.PostFormAsync($"/officer/licensing/applications/{reference}", new Dictionary<string, string>
        {
            ["Decision"] = "RequestChanges",
            ["Reason"] = "The bank guarantee letter is not signed.",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var status = await (await applicant.GetAsync("/agencies/apply")).TextAsync();
        status.ShouldContain("The bank guarantee letter is not signed.");
        (await applicant.GetAsync("/agencies/apply/guarantee")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await applicant.PostFormAsync("/agencies/apply/check", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(ctx => ctx.Set<LicenceApplication>().SingleAsync(a => a.Reference == reference))).Status.ShouldBe(ApplicationStatus.Submitted);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Bad_answers_are_explained_and_nothing_is_saved(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.EnglishBrowser();
        await client.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Test Applicant",
            ["Email"] = $"bad-{Guid.NewGuid():N}@example.org",
            ["Password"] = "Applicant-2026-pass",
            ["ConfirmPassword"] = "Applicant-2026-pass",
        });
        await client.PostFormAsync("/agencies/apply", new Dictionary<string, string>(), "/agencies/apply?handler=Start");

        var empty = await client.PostFormAsync("/agencies/apply/organisation", new Dictionary<string, string> { ["LegalName"] = "", ["RegistrationNumber"] = "<script>" });
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await empty.TextAsync();
        text.ShouldContain("Enter the agency's legal name");
        text.ShouldContain("The registration number can only contain");

        var contact = await client.PostFormAsync("/agencies/apply/contact", new Dictionary<string, string>
        {
            ["RegionCode"] = "KZ-ALA",
            ["Address"] = "x",
            ["Email"] = "not-an-email",
            ["Phone"] = "12345",
        });
        text = await contact.TextAsync();
        text.ShouldContain("Select the region where the agency is registered");
        text.ShouldContain("Enter the telephone number with the country code");

        var scope = await client.PostFormAsync("/agencies/apply/scope", new Dictionary<string, string> { ["Destinations"] = "XX", ["Sectors"] = "42" });
        (await scope.TextAsync()).ShouldContain("Select at least one destination country");

        var guarantee = await client.PostFormAsync("/agencies/apply/guarantee", new Dictionary<string, string> { ["Amount"] = "-5", ["Currency"] = "BTC" });
        text = await guarantee.TextAsync();
        text.ShouldContain("Enter the amount as a number greater than zero");
        text.ShouldContain("Select the currency of the guarantee");

        var notPdf = await client.PostFileAsync("/agencies/apply/documents", "/agencies/apply/documents?handler=Upload", "document", "charter.pdf", "MZ this is an executable"u8.ToArray(), "application/pdf");
        notPdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await notPdf.TextAsync()).ShouldContain("The file must be a PDF, PNG or JPEG");

        var send = await client.PostFormAsync("/agencies/apply/check", new Dictionary<string, string>());
        send.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await send.TextAsync()).ShouldContain("Upload at least one document");

        var application = await app.WithDbAsync(ctx => ctx.Set<LicenceApplication>().Include(a => a.Documents).OrderByDescending(a => a.CreatedAt).FirstAsync());
        application.Status.ShouldBe(ApplicationStatus.Draft);
        application.LegalName.ShouldBeNull();
        application.RegionCode.ShouldBeNull();
        application.Destinations.ShouldBeEmpty();
        application.GuaranteeAmount.ShouldBeNull();
        application.Documents.ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Suspension_hides_the_agencys_vacancies_and_shows_the_reason_until_reinstated(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var licence = ReferenceCode.Create(AgencyQueries.LicencePrefix, 101);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = $"/officer/licensing/agencies/{licence}";
        var publicCount = () => app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<VacancyQueries>().PublishedAsync(new VacancyFilter(null, null, 1, 100) { AgencyLicence = licence })).Total);
        (await publicCount()).ShouldBeGreaterThan(0);

        var past = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Action"] = "Suspend", ["SuspendUntil"] = "2020-01-01", ["Reason"] = "x" });
        (await past.TextAsync()).ShouldContain("The end of the suspension must be after today");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90);
        var suspended = await officer.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Action"] = "Suspend",
            ["SuspendUntil"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "Workers were charged a recruitment fee of 300 USD (inspection of 2026-11-20).",
        });
        suspended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await publicCount()).ShouldBe(0);
        var publicPage = await (await app.EnglishBrowser().GetAsync($"/agencies/{licence}")).TextAsync();
        publicPage.ShouldContain("Workers were charged a recruitment fee of 300 USD");
        publicPage.ShouldContain("Licence suspended");

        // Agency staff cannot reach the officer's page.
        var staff = app.EnglishBrowser();
        await staff.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        (await staff.GetAsync(page)).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await (await staff.GetAsync("/dashboard/agency")).TextAsync()).ShouldContain("your vacancies are hidden from the public");

        (await officer.PostFormAsync(page, new Dictionary<string, string> { ["Action"] = "Reinstate", ["Reason"] = "The agency refunded the fee to all workers." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await publicCount()).ShouldBeGreaterThan(0);
        var kinds = await app.WithDbAsync(ctx => ctx.Set<LicenceEvent>()
            .Where(e => ctx.Set<Agency>().Any(a => a.Id == e.AgencyId && a.LicenceNumber == licence))
            .OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        kinds.ShouldBe([LicenceEventKind.Suspended, LicenceEventKind.Reinstated]);
        // A revoked licence offers no more changes.
        (await officer.PostFormAsync(page, new Dictionary<string, string> { ["Action"] = "Revoke", ["Reason"] = "Repeated violations." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var renew = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Action"] = "Renew", ["Reason"] = "try" });
        (await renew.TextAsync()).ShouldContain("Select a change that this licence allows");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_expiry_job_records_lapsed_licences_once(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var licence = ReferenceCode.Create(AgencyQueries.LicencePrefix, 102);
        await app.WithDbAsync(async ctx =>
        {
            var agency = await ctx.Set<Agency>().SingleAsync(a => a.LicenceNumber == licence);
            agency.LicenceValidUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            return await ctx.SaveChangesAsync();
        });
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LicenceExpiryJob>().RunAsync(CancellationToken.None);
            return 0;
        });
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LicenceExpiryJob>().RunAsync(CancellationToken.None);
            return 0;
        });
        var (status, kinds) = await app.WithDbAsync(async ctx =>
        {
            var agency = await ctx.Set<Agency>().SingleAsync(a => a.LicenceNumber == licence);
            return (agency.LicenceStatus, await ctx.Set<LicenceEvent>().Where(e => e.AgencyId == agency.Id).Select(e => e.Kind).ToListAsync());
        });
        status.ShouldBe(LicenceStatus.Expired);
        kinds.ShouldBe([LicenceEventKind.Expired]);
        (await (await app.EnglishBrowser().GetAsync($"/agencies/{licence}")).TextAsync()).ShouldContain("The licence reached its end date without being renewed.");
    }

    [Fact]
    public async Task Anonymous_visitors_read_the_start_page_but_are_sent_to_sign_in_for_the_form()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).EnglishBrowser();
        var start = await client.GetAsync("/agencies/apply");
        start.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await start.TextAsync()).ShouldContain("Create an account to start");
        (await client.GetAsync("/agencies/apply/organisation")).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
        (await client.GetAsync("/officer/licensing")).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }
}
