using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Statistics;

/// <summary>
/// The statistics API on both databases: facts folded into aggregates, answered in JSON and SDMX-CSV, protected for
/// the public and exact for an analyst's key, with ETags and a problem for every bad question. Each test writes its
/// facts in months of its own, long before the demo data, so the tests never count each other's facts.
/// </summary>
public class StatisticsApiTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static Fact Registration(DateOnly date, string? sex, string ageBand, string region) =>
        new() { Kind = FactKind.Registration, Date = date, Sex = sex, AgeBand = ageBand, RegionOfOrigin = region, RecordedAt = DateTime.UtcNow };

    private static async Task FoldAsync(CaravanApp app, params IEnumerable<Fact>[] facts) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            foreach (var set in facts)
            {
                db.AddRange(set);
            }

            await db.SaveChangesAsync();
            return await sp.GetRequiredService<StatisticsFolder>().FoldAsync();
        });

    private static async Task<string> AnalystKeyAsync(CaravanApp app) =>
        await app.WithScopeAsync(async sp => (await sp.GetRequiredService<ApiKeyService>().CreateAsync("analyst", null, null, null, analyst: true)).Secret);

    private static IEnumerable<Fact> Many(int count, Func<int, Fact> make) => Enumerable.Range(0, count).Select(make);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Published_counts_hide_small_cells_and_an_analyst_key_gets_exact_ones(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var month = new DateOnly(2019, 3, 10);
        await FoldAsync(app,
            Many(40, i => Registration(month, "F", "25-29", "UZ-SA")),
            Many(30, i => Registration(month, "M", "30-34", "UZ-SA")),
            Many(3, i => Registration(month, "M", "35-39", "UZ-SA")),
            Many(12, i => Registration(month, null, "40-44", "UZ-SA")),
            Many(50, i => Registration(month, "F", "45-49", "UZ-SA")));

        var api = app.CreateClient();
        var answer = await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?breakdown=age&startPeriod=2019-03&endPeriod=2019-03");
        var cells = Cells(answer);
        // The 3 is too small to publish. Every hidden cell must keep a range of 10 either way, so the hidden cells
        // besides each one must add up to at least 10: the 12 hides with it, then the 30 so that the 12 is covered.
        cells[("2019-03", "_T")].ShouldBe((135m, "published"));
        cells[("2019-03", "Y25T29")].ShouldBe((40m, "published"));
        cells[("2019-03", "Y45T49")].ShouldBe((50m, "published"));
        cells[("2019-03", "Y35T39")].ShouldBe((null, "suppressed"));
        cells[("2019-03", "Y40T44")].ShouldBe((null, "suppressed-secondary"));
        cells[("2019-03", "Y30T34")].ShouldBe((null, "suppressed-secondary"));
        answer.GetProperty("disclosure").GetProperty("exact").GetBoolean().ShouldBeFalse();
        answer.GetProperty("disclosure").GetProperty("threshold").GetInt32().ShouldBe(10);

        var exact = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/registrations?breakdown=age&startPeriod=2019-03&endPeriod=2019-03&exact=true");
        exact.Headers.Add("X-Api-Key", await AnalystKeyAsync(app));
        var response = await api.SendAsync(exact);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var exactCells = Cells(await response.Content.ReadFromJsonAsync<JsonElement>());
        exactCells[("2019-03", "Y35T39")].ShouldBe((3m, "published"));
        exactCells[("2019-03", "Y40T44")].ShouldBe((12m, "published"));
        exactCells[("2019-03", "_T")].ShouldBe((135m, "published"));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task All_ages_minus_the_published_older_bands_does_not_reveal_the_young(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var month = new DateOnly(2019, 4, 10);
        await FoldAsync(app,
            Many(4, i => Registration(month, "F", "15-19", "UZ-TK")),
            Many(3, i => Registration(month, "F", "20-24", "UZ-TK")),
            Many(25, i => Registration(month, "F", "25-29", "UZ-TK")),
            Many(30, i => Registration(month, "M", "30-34", "UZ-TK")),
            Many(12, i => Registration(month, "M", "35-39", "UZ-TK")));

        var api = app.CreateClient();
        var all = Cells(await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?startPeriod=2019-04&endPeriod=2019-04"));
        var total = all[("2019-04", "")].Value!.Value;
        var byAge = Cells(await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?breakdown=age&startPeriod=2019-04&endPeriod=2019-04&age=Y25T29,Y30T34,Y35T39"));
        var older = byAge.Values.Where(c => c.Status == "published").Sum(c => c.Value!.Value);
        total.ShouldBe(74m);
        (total - older).ShouldNotBe(7m);
        byAge.Values.Count(c => c.Status != "published").ShouldBeGreaterThanOrEqualTo(1);

        // The same cells, asked in another way, carry the same values and statuses: nothing to difference.
        var unfiltered = Cells(await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?breakdown=age&startPeriod=2019-04&endPeriod=2019-04"));
        foreach (var (key, cell) in byAge)
        {
            unfiltered[key].ShouldBe(cell);
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_two_way_table_hides_a_rectangle_around_a_small_cell_or_is_withheld_with_its_margins_kept(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var rich = new DateOnly(2019, 7, 10);
        var regions = new[] { "UZ-AN", "UZ-BU", "UZ-FA" };
        var ages = new[] { "20-24", "25-29", "30-34" };
        var facts = new List<Fact>();
        for (var r = 0; r < 3; r++)
        {
            for (var a = 0; a < 3; a++)
            {
                var (region, age, n) = (regions[r], ages[a], r == 1 && a == 1 ? 3 : 30 + (r * 11) + (a * 7));
                facts.AddRange(Many(n, i => Registration(rich, "F", age, region)));
            }
        }

        // A 2 x 2 table whose one small cell cannot be covered: the table is withheld.
        var poor = new DateOnly(2019, 8, 10);
        facts.AddRange(Many(50, i => Registration(poor, "F", "25-29", "UZ-AN")));
        facts.AddRange(Many(40, i => Registration(poor, "F", "30-34", "UZ-AN")));
        facts.AddRange(Many(45, i => Registration(poor, "M", "25-29", "UZ-AN")));
        facts.AddRange(Many(4, i => Registration(poor, "M", "30-34", "UZ-AN")));
        await FoldAsync(app, facts);

        var api = app.CreateClient();
        var answer = await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?breakdown=age,region&startPeriod=2019-07&endPeriod=2019-07");
        var inner = answer.GetProperty("observations").EnumerateArray()
            .Where(o => o.GetProperty("dimensions").EnumerateObject().All(p => p.Value.GetString() != "_T")).ToList();
        inner.Count.ShouldBe(9);
        var small = inner.Single(o => o.GetProperty("dimensions").GetProperty("age").GetString() == "Y25T29" && o.GetProperty("dimensions").GetProperty("region").GetString() == "UZ-BU");
        small.GetProperty("status").GetString().ShouldBe("suppressed");
        inner.Count(o => o.GetProperty("status").GetString() != "published").ShouldBeGreaterThanOrEqualTo(4);
        foreach (var o in inner.Where(o => o.GetProperty("status").GetString() == "published"))
        {
            o.GetProperty("value").GetDecimal().ShouldBeGreaterThanOrEqualTo(10m);
        }

        answer.GetProperty("disclosure").GetProperty("withheldPeriods").GetArrayLength().ShouldBe(0);

        var withheld = await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/registrations?breakdown=sex,age&startPeriod=2019-08&endPeriod=2019-08");
        withheld.GetProperty("disclosure").GetProperty("withheldPeriods").EnumerateArray().Select(p => p.GetString()).ShouldBe(["2019-08"]);
        var cells = withheld.GetProperty("observations").EnumerateArray().ToList();
        cells.ShouldAllBe(o => o.GetProperty("dimensions").EnumerateObject().Any(p => p.Value.GetString() == "_T"));
        cells.Single(o => o.GetProperty("dimensions").GetProperty("sex").GetString() == "F" && o.GetProperty("dimensions").GetProperty("age").GetString() == "_T")
            .GetProperty("value").GetDecimal().ShouldBe(90m);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_stock_counts_departures_from_before_its_first_period_in_every_period(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        Fact Stay(FactKind kind, DateOnly date, string destination, string sex) => new() { Kind = kind, Date = date, Sex = sex, AgeBand = "40-44", RegionOfOrigin = "UZ-XO", Destination = destination, RecordedAt = DateTime.UtcNow };
        // Departures in 2013, before the periods asked; stays in Russia end in February 2014.
        await FoldAsync(app,
            Many(30, i => Stay(FactKind.Departure, new DateOnly(2013, 6, 1 + (i % 20)), "RU", i < 15 ? "F" : "M")),
            Many(20, i => Stay(FactKind.Departure, new DateOnly(2013, 11, 3), "KZ", i < 10 ? "F" : "M")),
            Many(12, i => Stay(FactKind.StayEnded, new DateOnly(2014, 2, 14), "RU", "M")),
            // Everyone is back by mid-2015, so that later stocks in other tests count none of these.
            Many(38, i => Stay(FactKind.StayEnded, new DateOnly(2015, 6, 1), i < 18 ? "RU" : "KZ", i < 15 || (i >= 18 && i < 28) ? "F" : "M")));

        const string Query = "/api/v1/statistics/citizens_abroad?startPeriod=2014-01&endPeriod=2014-03";
        var answer = await app.CreateClient().GetFromJsonAsync<JsonElement>(Query + "&breakdown=destination");
        decimal? Value(JsonElement a, string period, string dimension, string code) => a.GetProperty("observations").EnumerateArray()
            .Single(o => o.GetProperty("period").GetString() == period && o.GetProperty("dimensions").GetProperty(dimension).GetString() == code)
            .GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;
        Value(answer, "2014-01", "destination", "RU").ShouldBe(30m);
        Value(answer, "2014-01", "destination", "_T").ShouldBe(50m);
        Value(answer, "2014-02", "destination", "RU").ShouldBe(18m);
        Value(answer, "2014-03", "destination", "RU").ShouldBe(18m);
        Value(answer, "2014-03", "destination", "KZ").ShouldBe(20m);
        Value(answer, "2014-03", "destination", "_T").ShouldBe(38m);

        // Three dimensions come from the finest cells, a different read: an analyst's exact answer.
        var exact = new HttpRequestMessage(HttpMethod.Get, Query + "&breakdown=destination,sex,region&exact=true");
        exact.Headers.Add("X-Api-Key", await AnalystKeyAsync(app));
        var cells = await (await app.CreateClient().SendAsync(exact)).Content.ReadFromJsonAsync<JsonElement>();
        cells.GetProperty("observations").EnumerateArray().Single(o => o.GetProperty("period").GetString() == "2014-03"
                && o.GetProperty("dimensions").GetProperty("destination").GetString() == "RU"
                && o.GetProperty("dimensions").GetProperty("sex").GetString() == "M"
                && o.GetProperty("dimensions").GetProperty("region").GetString() == "UZ-XO")
            .GetProperty("value").GetDecimal().ShouldBe(3m);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_stock_that_does_not_add_up_is_withheld_not_failed(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var month = new DateOnly(2017, 2, 10);
        Fact Stay(FactKind kind, string destination) => new() { Kind = kind, Date = month, Sex = "F", AgeBand = "30-34", Destination = destination, RecordedAt = DateTime.UtcNow };
        // Twelve went to Russia; in Kazakhstan more stays ended than began, which only broken data can say.
        await FoldAsync(app, Many(12, i => Stay(FactKind.Departure, "RU")), Many(3, i => Stay(FactKind.StayEnded, "KZ")));

        var response = await app.CreateClient().GetAsync("/api/v1/statistics/citizens_abroad?breakdown=destination&startPeriod=2017-02&endPeriod=2017-02");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("disclosure").GetProperty("withheldPeriods").EnumerateArray().Select(p => p.GetString()).ShouldBe(["2017-02"]);
        answer.GetProperty("observations").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Sdmx_csv_has_every_dimension_of_the_dataflow_and_confidentiality_flags(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var month = new DateOnly(2019, 5, 10);
        await FoldAsync(app,
            Many(30, i => Registration(month, "F", "20-24", "UZ-NG")),
            Many(4, i => Registration(month, "M", "25-29", "UZ-NG")),
            Many(12, i => Registration(month, "M", "30-34", "UZ-NG")),
            Many(25, i => Registration(month, "F", "35-39", "UZ-NG")));
        var api = app.CreateClient();
        var response = await api.GetAsync("/api/v1/statistics/registrations?breakdown=age&startPeriod=2019-05&endPeriod=2019-05&format=sdmx-csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.sdmx.data+csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("STRUCTURE,STRUCTURE_ID,ACTION,SEX,AGE,REGION,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS");
        lines.Length.ShouldBe(6);
        lines.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,_T,_T,2019-05,71,persons,F");
        lines.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,Y20T24,_T,2019-05,30,persons,F");
        lines.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,Y25T29,_T,2019-05,,persons,C");
        lines.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,Y30T34,_T,2019-05,,persons,D");
        lines.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,Y35T39,_T,2019-05,,persons,D");

        var accepted = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/registrations?startPeriod=2019-05&endPeriod=2019-05");
        accepted.Headers.Accept.ParseAdd("application/vnd.sdmx.data+csv");
        (await (await api.SendAsync(accepted)).Content.ReadAsStringAsync()).ShouldStartWith("STRUCTURE,");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_unchanged_answer_is_not_modified_and_a_new_fold_changes_its_etag(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var month = new DateOnly(2019, 6, 10);
        await FoldAsync(app, Many(15, i => Registration(month, "F", "20-24", "UZ-AN")));
        var api = app.CreateClient();
        const string url = "/api/v1/statistics/registrations?startPeriod=2019-06&endPeriod=2019-06";
        var first = await api.GetAsync(url);
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        (await api.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await FoldAsync(app, Many(5, i => Registration(month, "F", "20-24", "UZ-AN")));
        var changed = new HttpRequestMessage(HttpMethod.Get, url);
        changed.Headers.IfNoneMatch.Add(etag);
        var fresh = await api.SendAsync(changed);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        fresh.Headers.ETag!.Tag.ShouldNotBe(etag.Tag);
        Cells(await fresh.Content.ReadFromJsonAsync<JsonElement>())[("2019-06", "")].Value.ShouldBe(20m);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_bad_question_gets_a_problem_with_a_reason(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var api = app.CreateClient();
        var agencyKey = await app.WithScopeAsync(async sp =>
        {
            var agency = sp.GetRequiredService<CaravanDbContext>().Set<Core.Agencies.Agency>().First();
            return (await sp.GetRequiredService<ApiKeyService>().CreateAsync("agency", agency.Id, null, null)).Secret;
        });
        foreach (var (url, status, words) in new[]
        {
            ("/api/v1/statistics/no_such_thing", 404, "There is no indicator 'no_such_thing'"),
            ("/api/v1/statistics/departures?colour=red", 400, "'colour' is not a dimension"),
            ("/api/v1/statistics/registrations?destination=RU", 400, "'registrations' cannot be cut by 'destination'"),
            ("/api/v1/statistics/departures?destination=XX", 400, "'XX' is not a code of 'destination'"),
            ("/api/v1/statistics/departures?sex=female", 400, "'female' is not a code of 'sex'"),
            ("/api/v1/statistics/departures?startPeriod=2026-13", 400, "Periods are written 2026, 2026-Q1 or 2026-03"),
            ("/api/v1/statistics/departures?startPeriod=2026-Q5", 400, "Periods are written"),
            ("/api/v1/statistics/departures?startPeriod=2026&endPeriod=2025", 400, "startPeriod is after endPeriod"),
            ("/api/v1/statistics/departures?breakdown=sex,age,destination", 400, "at most 2 dimensions"),
            ("/api/v1/statistics/departures?breakdown=height", 400, "'height' is not a dimension of 'departures'"),
            ("/api/v1/statistics/departures?exact=true", 400, "Exact values are only given to an analyst's API key"),
            ("/api/v1/statistics/departures?exact=maybe", 400, "'exact' is true or false"),
            ("/api/v1/statistics/departures?format=xml", 400, "format is json or sdmx-csv"),
            ("/api/v1/statistics/codelists/colour", 404, "'colour' is not a dimension"),
            ("/api/v1/statistics/codelists/category", 400, "Categories differ by indicator"),
        })
        {
            var response = await api.GetAsync(url);
            ((int)response.StatusCode).ShouldBe(status, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
            (await response.Content.ReadAsStringAsync()).ShouldContain(words, Case.Sensitive, url);
        }

        var withAgencyKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/departures?exact=true");
        withAgencyKey.Headers.Add("X-Api-Key", agencyKey);
        var refused = await api.SendAsync(withAgencyKey);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("analyst's API key");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_catalogue_lists_every_indicator_in_the_reader_s_language_with_its_codelists(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var api = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/indicators");
        request.Headers.AcceptLanguage.ParseAdd("ru");
        var list = await (await api.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        list.GetArrayLength().ShouldBe(Indicators.All.Count);
        var cost = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "recruitment_cost");
        cost.GetProperty("dataflow").GetString().ShouldBe("CARAVAN:DF_RECRUITMENT_COST(1.0)");
        cost.GetProperty("name").GetString().ShouldNotStartWith("Indicator.");
        cost.GetProperty("name").GetString()!.ShouldMatch("[а-яА-Я]");

        var sex = await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/codelists/sex");
        sex.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["F", "M", "_U"]);
        var outcomes = await api.GetFromJsonAsync<JsonElement>("/api/v1/statistics/codelists/category?indicator=cases_by_outcome");
        outcomes.GetProperty("id").GetString().ShouldBe("CL_CASE_OUTCOME");
        outcomes.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldContain("Resolved");
    }

    /// <summary>Cells by period and the code of the one dimension asked ("" when none), with value and status.</summary>
    private static Dictionary<(string Period, string Code), (decimal? Value, string Status)> Cells(JsonElement answer) =>
        answer.GetProperty("observations").EnumerateArray().ToDictionary(
            o => (o.GetProperty("period").GetString()!, o.GetProperty("dimensions").EnumerateObject().Select(p => p.Value.GetString()!).SingleOrDefault() ?? string.Empty),
            o => (o.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : o.GetProperty("value").GetDecimal(), o.GetProperty("status").GetString()!));
}

/// <summary>Apps that fold facts as soon as they are written, so a test can write, fold and ask at once.</summary>
public sealed class StatisticsFixture : AppFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Statistics:FoldLagSeconds"] = "0" };
}
