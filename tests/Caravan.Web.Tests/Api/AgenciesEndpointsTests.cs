using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Api;

public class AgenciesEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string SilkRoad = ReferenceCode.Create("LIC", 100);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_register_lists_licensed_agencies_with_every_status(DatabaseProvider db)
    {
        var page = await fixture.Get(db).CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/agencies?pageSize=100");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(6);
        items.Select(i => i.GetProperty("status").GetString()).Distinct().ShouldBe(["Valid", "Suspended", "Revoked", "Expired"], ignoreOrder: true);
        items.ShouldAllBe(i => i.GetProperty("licenceNumber").GetString()!.StartsWith("LIC-"));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Search_by_name_in_any_case_by_licence_and_filter_by_status_and_destination(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        async Task<List<string>> Names(string query) => (await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies?" + query))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

        (await Names("q=silk%20road")).ShouldBe(["Silk Road Recruitment LLC"]);
        (await Names("q=" + SilkRoad.ToLowerInvariant())).ShouldBe(["Silk Road Recruitment LLC"]);
        (await Names("status=Suspended")).ShouldBe(["Navoi Overseas Jobs LLC"]);
        (await Names("status=expired")).ShouldBe(["Khorezm Employment Service"]);
        (await Names("destination=KR&status=Valid")).ShouldBe(["Fergana Valley Workforce Partners", "Samarkand Labour Bridge LLC"], ignoreOrder: true);
        (await Names("q=no-such-agency")).ShouldBeEmpty();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task One_agency_by_licence_number_and_a_404_problem_that_explains(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        var agency = await client.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/{SilkRoad}");
        agency.GetProperty("name").GetString().ShouldBe("Silk Road Recruitment LLC");
        agency.GetProperty("destinations").EnumerateArray().Select(d => d.GetString()).ShouldBe(["KZ", "RU"]);

        var unknown = await client.GetAsync("/api/v1/agencies/" + ReferenceCode.Create("LIC", 999));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("No agency holds");

        var mistyped = await client.GetAsync("/api/v1/agencies/LIC-0001009");
        mistyped.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mistyped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("check digit");
    }

    [Theory]
    [InlineData("status=Applied", "status")]
    [InlineData("status=3", "status")]
    [InlineData("status=good", "status")]
    [InlineData("destination=kz", "destination")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task Bad_queries_get_a_validation_problem(string query, string field)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/api/v1/agencies?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_lapsed_licence_takes_the_agencys_vacancies_out_of_public_search()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=100");
        var reference = before.GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("agency").GetProperty("licenceNumber").GetString() == SilkRoad).GetProperty("reference").GetString();
        await app.WithDbAsync(async ctx =>
        {
            var agency = ctx.Set<Caravan.Core.Agencies.Agency>().Single(a => a.LicenceNumber == SilkRoad);
            agency.LicenceStatus = Caravan.Core.Agencies.LicenceStatus.Suspended;
            return await ctx.SaveChangesAsync();
        });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=100");
        after.GetProperty("total").GetInt32().ShouldBe(before.GetProperty("total").GetInt32() - 10);
        (await client.GetAsync($"/api/v1/vacancies/{reference}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
