using System.Net;
using System.Text.Json;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>An officer's export of one person's record (a lawful request or a hand-over), on both databases.</summary>
public class PersonExportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_export_holds_the_persons_cases_history_and_access_log_and_no_document_number_or_narrative(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901170001",
            new("Dilnoza", "Rashidova", null, new DateOnly(1996, 4, 2), "Female", "AD4455667"));
        // A name change waits for review and is kept in the record's history.
        (await migrant.PostFormAsync("/register/name?change=true", new Dictionary<string, string> { ["GivenName"] = "Dilnoza", ["FamilyName"] = "Yusupova", ["change"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var personId = await app.WithDbAsync(ctx => ctx.Set<Person>().Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync());
        var caseReference = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<CaseIntake>().OpenAsync(
            new CaseReport(CaseCategory.UnpaidWages, [ForcedLabourIndicator.WithheldWages], "RU", "Kazan", null, null, "No wages paid since March at the Kazan site.", Guid.NewGuid(), "en"),
            CaseChannel.Migrant, personId, null)).LegalCase.Reference);

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = $"/officer/persons/{reference}";
        (await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.IdentityCheck }, page + "?handler=Reveal"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var export = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.PersonRequest }, page + "?handler=Export");

        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await export.Content.ReadAsStringAsync();
        json.ShouldNotContain("4455667");
        json.ShouldNotContain("No wages paid");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        var cases = root.GetProperty("Cases").EnumerateArray().ToList();
        cases.Count.ShouldBe(1);
        cases[0].GetProperty("Reference").GetString().ShouldBe(caseReference);
        cases[0].GetProperty("Category").GetString().ShouldBe(nameof(CaseCategory.UnpaidWages));
        cases[0].GetProperty("CountryCode").GetString().ShouldBe("RU");

        var history = root.GetProperty("History").EnumerateArray()
            .Select(c => $"{c.GetProperty("Field").GetString()}:{c.GetProperty("OldValue").GetString()}>{c.GetProperty("NewValue").GetString()}:{c.GetProperty("Status").GetString()}").ToList();
        history.ShouldBe(["FamilyName:Rashidova>Yusupova:PendingReview"]);

        // Newest first, the export itself included (it is logged before the file is made), down to the officer's first
        // opening of the record (one entry for repeated views within a few minutes).
        var log = root.GetProperty("AccessLog").EnumerateArray()
            .Select(a => $"{a.GetProperty("Action").GetString()}:{a.GetProperty("Reason").GetString()}:{a.GetProperty("ActorRole").GetString()}").ToList();
        log.ShouldBe([$"Export:{AccessReasons.PersonRequest}:Officer", $"ViewDocument:{AccessReasons.IdentityCheck}:Officer", $"ViewProfile:{AccessReasons.RegistryWork}:Officer"]);
    }
}
