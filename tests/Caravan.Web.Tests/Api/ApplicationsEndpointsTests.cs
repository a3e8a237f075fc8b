using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Agencies;
using Caravan.Core.Applications;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// The API side of matching and applications, on both databases: a migrant's app reads its matches with reasons in the
/// request's language; an agency's system reads its applicants by key, the name only while the consent stands, and each
/// name it reads is in the person's access log.
/// </summary>
public sealed class ApplicationsEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_migrants_app_reads_matches_and_an_agencys_system_reads_applicants_under_consent(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        (await app.CreateClient().GetAsync("/api/v1/me/matches")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901170021", new("Ulugbek", "Sobirov", null, new DateOnly(1992, 9, 14), "Male", "AB7770021"));
        var welder = await app.WithDbAsync(c => c.Set<Vacancy>().SingleAsync(v => v.IscoCode == "7212" && v.DestinationCountry == "KR"));

        var russian = await migrant.GetFromJsonAsync<JsonElement>("/api/v1/me/matches?culture=ru");
        russian.GetArrayLength().ShouldBeGreaterThan(0);
        russian.GetArrayLength().ShouldBeLessThanOrEqualTo(VacancyMatcher.DefaultCount);
        var first = russian[0];
        first.GetProperty("reference").GetString().ShouldBe(welder.Reference);
        first.GetProperty("title").GetString().ShouldBe("Сварщик");
        first.GetProperty("titleLanguage").GetString().ShouldBe("ru");
        var reasons = first.GetProperty("reasons").EnumerateArray().ToList();
        reasons.ShouldContain(r => r.GetProperty("kind").GetString() == "Occupation" && r.GetProperty("value").GetString() == "7212");
        reasons.ShouldContain(r => r.GetProperty("kind").GetString() == "Destination" && r.GetProperty("value").GetString() == "KR");
        reasons.ShouldContain(r => r.GetProperty("text").GetString()!.StartsWith("Ваша профессия: ", StringComparison.Ordinal));

        // An agency's key reads only that agency's applications.
        (await migrant.PostFormAsync($"/me/apply/{welder.Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var agency = await KeyClientAsync(app, welder.AgencyId);
        var other = await KeyClientAsync(app, await app.WithDbAsync(c => c.Set<Agency>().Where(a => a.Id != welder.AgencyId && a.LicenceStatus == LicenceStatus.Valid).Select(a => a.Id).FirstAsync()));
        (await other.GetFromJsonAsync<JsonElement>($"/api/v1/agency/applications?vacancy={welder.Reference}")).GetArrayLength().ShouldBe(0);
        (await agency.GetAsync("/api/v1/agency/applications?status=Hired")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await agency.GetAsync("/api/v1/agency/applications?status=3")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var listed = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/agency/applications?vacancy={welder.Reference}&status=submitted")).EnumerateArray().ToList();
        var row = listed.ShouldHaveSingleItem(); // only this test applies to the welder vacancy on this node
        row.GetProperty("applicantName").GetString().ShouldBe("Ulugbek Sobirov");
        row.GetProperty("status").GetString().ShouldBe("Submitted");
        var person = await app.WithDbAsync(c => c.Set<Person>().SingleAsync(p => p.Reference == reference));
        (await app.WithDbAsync(c => c.Set<PersonAccess>().CountAsync(a => a.PersonId == person.Id && a.Reason == AccessReasons.Application))).ShouldBe(1);

        // Withdrawn: the row stays, the name goes.
        var id = row.GetProperty("id").GetGuid();
        (await migrant.PostFormAsync("/me/applications", new Dictionary<string, string>(), $"/me/applications?handler=Withdraw&id={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/agency/applications?vacancy={welder.Reference}")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        after.GetProperty("status").GetString().ShouldBe("Withdrawn");
        after.GetProperty("applicantName").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static async Task<HttpClient> KeyClientAsync(CaravanApp app, Guid agencyId)
    {
        var secret = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<ApiKeyService>().CreateAsync("applications test", agencyId, null, null)).Secret);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }
}
