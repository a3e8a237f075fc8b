using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Api;

public class VacanciesEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Lists_published_demo_vacancies_with_paging(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=7");
        first.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(28);
        first.GetProperty("items").GetArrayLength().ShouldBe(7);
        first.GetProperty("pageCount").GetInt32().ShouldBe((first.GetProperty("total").GetInt32() + 6) / 7);
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=7&page=2");
        var firstRefs = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ToList();
        var secondRefs = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ToList();
        firstRefs.Intersect(secondRefs).ShouldBeEmpty();
        var item = first.GetProperty("items")[0];
        item.GetProperty("monthlyWage").GetProperty("currency").GetString()!.Length.ShouldBe(3);
        item.GetProperty("agency").GetProperty("licenceNumber").GetString().ShouldStartWith("LIC-");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Filters_by_destination_and_isco_prefix(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        var kr = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?destination=KR&pageSize=100");
        var items = kr.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(5);
        items.ShouldAllBe(i => i.GetProperty("destinationCountry").GetString() == "KR");

        var crafts = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?isco=7&pageSize=100");
        crafts.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("iscoCode").GetString()!.StartsWith('7'));
        crafts.GetProperty("total").GetInt32().ShouldBeGreaterThan(5);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Text_search_finds_words_in_any_language_and_occupation_titles(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        async Task<List<string>> Titles(string query) => (await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=100&" + query))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

        (await Titles("q=welder")).ShouldBe(["Welder"]);
        (await Titles("q=" + Uri.EscapeDataString("сварщик"))).ShouldContain("Welder");
        // Kazan is a city of three vacancies and the name of their employer, which also hires in Yekaterinburg.
        var kazan = (await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=100&q=kazan")).GetProperty("items").EnumerateArray().ToList();
        kazan.Count.ShouldBeGreaterThanOrEqualTo(3);
        kazan.ShouldAllBe(i => i.GetProperty("city").GetString() == "Kazan" || i.GetProperty("employer").GetProperty("name").GetString() == "Kazan Logistics Terminal");
        (await Titles("q=kazan&destination=KZ")).ShouldBeEmpty();
        (await Titles("agency=" + ReferenceCode.Create("LIC", 102).ToLowerInvariant())).Count.ShouldBe(10);
        (await Titles("q=" + Uri.EscapeDataString("no such job anywhere"))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("destination=russia", "destination")]
    [InlineData("isco=71a", "isco")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task Bad_query_values_get_a_validation_problem_naming_the_field(string query, string field)
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var response = await client.GetAsync("/api/v1/vacancies?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_non_numeric_page_is_a_400_problem_not_a_500()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var response = await client.GetAsync("/api/v1/vacancies?page=abc");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task One_vacancy_by_reference_and_404_problem_for_unknown(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacancies?pageSize=1");
        var reference = list.GetProperty("items")[0].GetProperty("reference").GetString();
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{reference}");
        one.GetProperty("reference").GetString().ShouldBe(reference);

        var missing = await client.GetAsync("/api/v1/vacancies/VAC-9999999");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_vacancy_list()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var op = doc.GetProperty("paths").GetProperty("/api/v1/vacancies").GetProperty("get");
        op.GetProperty("operationId").GetString().ShouldBe("ListVacancies");
        op.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldBe(["destination", "isco", "q", "agency", "minWage", "currency", "feeFree", "sort", "page", "pageSize"], ignoreOrder: true);
        doc.GetProperty("paths").GetProperty("/api/v1/agency/vacancies/bulk").GetProperty("post").GetProperty("operationId").GetString().ShouldBe("SubmitVacanciesInBulk");
        doc.GetProperty("components").GetProperty("schemas").TryGetProperty("VacancyDto", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Interactive_reference_is_served()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var response = await client.GetAsync("/api/docs");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Caravan API");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Agency_session_closes_own_vacancy_and_gets_404_for_another_agencys(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        (await client.SignInStaffAsync(DemoAccounts.AgencyEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (own, other) = await app.WithDbAsync(async ctx =>
        {
            var agencyId = await ctx.Users.Where(u => u.Email == DemoAccounts.AgencyEmail).Select(u => u.AgencyId).SingleAsync();
            var mine = await ctx.Set<Vacancy>().Where(v => v.AgencyId == agencyId && v.Status == VacancyStatus.Published).OrderBy(v => v.Reference).Select(v => v.Reference).LastAsync();
            var theirs = await ctx.Set<Vacancy>().Where(v => v.AgencyId != agencyId).Select(v => v.Reference).FirstAsync();
            return (mine, theirs);
        });

        var forbidden = await client.PostAsJsonAsync($"/api/v1/agency/vacancies/{other}/close", new { reason = "filled" });
        forbidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var empty = await client.PostAsJsonAsync($"/api/v1/agency/vacancies/{own}/close", new { reason = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var closed = await client.PostAsJsonAsync($"/api/v1/agency/vacancies/{own}/close", new { reason = "All positions filled" });
        closed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync($"/api/v1/agency/vacancies/{own}/close", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.GetAsync($"/api/v1/vacancies/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var status = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Where(v => v.Reference == other).Select(v => v.Status).SingleAsync());
        status.ShouldBe(VacancyStatus.Published);
    }

    [Theory]
    [InlineData("{\"reason\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("not json")]
    public async Task Malformed_json_body_is_a_400_problem_and_changes_nothing(string body)
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var client = app.Browser();
        await client.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var before = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.Status == VacancyStatus.Closed));
        var response = await client.PostAsync("/api/v1/agency/vacancies/VAC-0010009/close", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.Status == VacancyStatus.Closed))).ShouldBe(before);
    }

    [Fact]
    public async Task Anonymous_callers_of_agency_endpoints_get_401_problem()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var response = await client.GetAsync("/api/v1/agency/vacancies/VAC-0010009");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
