using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Caravan.Web.Tests.Pages.Statistics;

/// <summary>
/// The explorer at /statistics on both databases: the public view hides small groups and says so, an analyst sees
/// exact figures, every view downloads as CSV, XLSX and SDMX-CSV, and bad questions get a message in the reader's
/// language. Facts are dated 2012, months no other test uses.
/// </summary>
public partial class ExplorerTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private const string View = "/statistics?indicator=registrations&breakdown=age&startPeriod=2012-03&endPeriod=2012-03";

    private static async Task SeedAsync(CaravanApp app) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            if (await db.Set<Fact>().AnyAsync(f => f.Date == new DateOnly(2012, 3, 10)))
            {
                return 0;
            }

            Fact Registration(string? sex, string age) => new() { Kind = FactKind.Registration, Date = new DateOnly(2012, 3, 10), Sex = sex, AgeBand = age, RegionOfOrigin = "UZ-SU", RecordedAt = DateTime.UtcNow };
            db.AddRange(Enumerable.Range(0, 40).Select(_ => Registration("F", "25-29")));
            db.AddRange(Enumerable.Range(0, 30).Select(_ => Registration("M", "30-34")));
            db.AddRange(Enumerable.Range(0, 3).Select(_ => Registration("M", "35-39")));
            db.AddRange(Enumerable.Range(0, 12).Select(_ => Registration(null, "40-44")));
            db.AddRange(Enumerable.Range(0, 50).Select(_ => Registration("F", "45-49")));
            await db.SaveChangesAsync();
            await sp.GetRequiredService<StatisticsFolder>().FoldAsync();
            return 0;
        });

    /// <summary>The value cell of the row whose first cell is <paramref name="label"/>.</summary>
    private static string Row(string html, string label) =>
        RowPattern().Matches(html).Select(m => (Label: m.Groups[1].Value.Trim(), Value: m.Groups[2].Value.Trim())).Single(r => r.Label == label).Value;

    [GeneratedRegex("<tr class=\"govuk-table__row\"[^>]*>\\s*<td class=\"govuk-table__cell\">([^<]*)</td>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">([^<]*)</td>")]
    private static partial Regex RowPattern();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_public_sees_small_groups_hidden_and_the_method(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await SeedAsync(app);

        var response = await app.Browser().GetAsync(View + "&culture=en");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.TextAsync();
        html.ShouldContain("A figure based on fewer than 10 people or events is never published.");
        Row(html, "25–29").ShouldBe("40");
        Row(html, "35–39").ShouldBe("hidden: a small group");
        Row(html, "40–44").ShouldBe("hidden: protects a small group");
        html.ShouldContain("<th scope=\"row\" class=\"govuk-table__header\">2012-03</th>");
        html.ShouldContain(">135</td>");
        html.ShouldNotContain("You are seeing exact figures");

        var russian = await (await app.Browser().GetAsync(View + "&culture=ru")).TextAsync();
        Row(russian, "35–39").ShouldNotBe("hidden: a small group");
        russian.ShouldNotContain("Statistics.");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_analyst_sees_exact_figures_and_can_see_the_published_view(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await SeedAsync(app);
        var analyst = app.Browser();
        await analyst.SignInStaffAsync(DemoAccounts.AnalystEmail);

        var exact = await (await analyst.GetAsync(View + "&culture=en")).TextAsync();
        exact.ShouldContain("You are seeing exact figures");
        Row(exact, "35–39").ShouldBe("3");
        Row(exact, "40–44").ShouldBe("12");

        var published = await (await analyst.GetAsync(View + "&published=true&culture=en")).TextAsync();
        published.ShouldContain("as the public sees them");
        Row(published, "35–39").ShouldBe("hidden: a small group");

        // The exact download is the analyst's too, and no shared cache keeps it.
        var csv = await analyst.GetAsync(View + "&handler=download&format=csv&culture=en");
        csv.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await csv.Content.ReadAsStringAsync()).ShouldContain("2012-03,Y35T39,35–39,3,persons,published");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_view_downloads_as_csv_xlsx_and_sdmx_csv(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await SeedAsync(app);
        var client = app.Browser();

        var csv = await client.GetAsync(View + "&handler=download&format=csv&culture=en");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.ShouldBe("registrations-2012-03-published.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("period,age,age_name,value,unit,status");
        lines.ShouldContain("2012-03,_T,Total,135,persons,published");
        lines.ShouldContain("2012-03,Y35T39,35–39,,persons,hidden: a small group");

        var xlsx = await client.GetAsync(View + "&handler=download&format=xlsx&culture=en");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe(AnswerFiles.XlsxMediaType);
        await using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Single(r => (string?)r["age"] == "Y25T29")["value"].ShouldBe(40d);
        rows.Single(r => (string?)r["age"] == "Y35T39")["value"].ShouldBeNull();

        var sdmx = await client.GetAsync(View + "&handler=download&format=sdmx-csv");
        sdmx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.sdmx.data+csv");
        var text = await sdmx.Content.ReadAsStringAsync();
        text.ShouldStartWith("STRUCTURE,STRUCTURE_ID,ACTION,SEX,AGE,REGION,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS");
        text.ShouldContain("dataflow,CARAVAN:DF_REGISTRATIONS(1.0),I,_T,Y35T39,_T,2012-03,,persons,C");
    }

    [Theory]
    [InlineData("/statistics?indicator=registrations&startPeriod=2012-13", "Write periods as 2026, 2026-Q1 or 2026-03")]
    [InlineData("/statistics?indicator=registrations&startPeriod=2013&endPeriod=2012", "Write periods as 2026, 2026-Q1 or 2026-03")]
    [InlineData("/statistics?indicator=no_such_thing", "There is no such indicator")]
    [InlineData("/statistics?indicator=registrations&breakdown=age&sex=F&region=UZ-SU", "at most 2 characteristics")]
    [InlineData("/statistics?indicator=registrations&sex=X", "These choices cannot be combined")]
    [InlineData("/statistics?indicator=registrations&handler=download&format=xls", "Downloads are in CSV, XLSX or SDMX-CSV format")]
    public async Task A_bad_question_gets_a_message_and_a_400(string url, string message)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().GetAsync(url + "&culture=en");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.TextAsync()).ShouldContain(message);
    }

    public static TheoryData<string> IndicatorCodes() => [.. Indicators.All.Select(i => i.Code)];

    [Theory]
    [MemberData(nameof(IndicatorCodes))]
    public async Task Every_code_of_every_indicator_has_a_name_in_every_language(string indicator)
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        foreach (var culture in new[] { "en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg" })
        {
            var response = await client.GetAsync($"/statistics?indicator={indicator}&culture={culture}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            // A missing string comes back as its key, such as "LicenceEvent.Issued".
            MissingKey().Matches(await response.TextAsync()).Select(m => m.Value).ShouldBeEmpty(culture);
        }
    }

    [GeneratedRegex(@"\b(Statistics|LicenceEvent|Sanction|ReturnReason|CaseCategory|CaseOutcome|Indicator|Sex)\.[A-Z][A-Za-z.]*")]
    private static partial Regex MissingKey();

    [Fact]
    public async Task Errors_are_in_the_readers_language_and_filters_of_another_indicator_are_dropped()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        var russian = await client.GetAsync("/statistics?indicator=registrations&startPeriod=2012-13&culture=ru");
        russian.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await russian.TextAsync()).ShouldNotContain("Write periods as");

        // Licences have no sex: a sex filter left from the indicator chosen before is not an error.
        (await client.GetAsync("/statistics?indicator=licences&sex=F&culture=en")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
