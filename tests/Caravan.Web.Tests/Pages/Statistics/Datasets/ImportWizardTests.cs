using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Datasets;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Statistics.Datasets;

public sealed class DatasetFixture : AppFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Statistics:FoldLagSeconds"] = "0" };
}

/// <summary>
/// The import wizard on both databases, as an analyst uses it: upload, map, match names by hand, check, commit as a
/// version, and the figures beside the registry's with the coverage ratio. Registry facts are dated February 2013,
/// a month nothing else in this fixture uses, and the census is dated 1 March 2013.
/// </summary>
public sealed class ImportWizardTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task SeedRegistryAsync(CaravanApp app) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            if (await db.Set<Fact>().AnyAsync(f => f.Date == new DateOnly(2013, 2, 5)))
            {
                return 0;
            }

            Fact Departure(string region, string destination = "KZ") => new() { Kind = FactKind.Departure, Date = new DateOnly(2013, 2, 5), Sex = "M", AgeBand = "25-29", RegionOfOrigin = region, Destination = destination, RecordedAt = DateTime.UtcNow };
            db.AddRange(Enumerable.Range(0, 120).Select(_ => Departure("UZ-SU")));
            db.AddRange(Enumerable.Range(0, 40).Select(_ => Departure("UZ-AN")));
            db.AddRange(Enumerable.Range(0, 3).Select(_ => Departure("UZ-XO")));
            // Departures to Russia give each region a second cell, so the small one can be protected inside its row.
            db.AddRange(Enumerable.Range(0, 50).Select(_ => Departure("UZ-SU", "RU")));
            db.AddRange(Enumerable.Range(0, 50).Select(_ => Departure("UZ-AN", "RU")));
            db.AddRange(Enumerable.Range(0, 30).Select(_ => Departure("UZ-XO", "RU")));
            await db.SaveChangesAsync();
            await sp.GetRequiredService<StatisticsFolder>().FoldAsync();
            return 0;
        });

    private static async Task<HttpClient> AnalystAsync(CaravanApp app)
    {
        var analyst = app.EnglishBrowser();
        await analyst.SignInStaffAsync(DemoAccounts.AnalystEmail);
        return analyst;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] content, string type = Xlsx) =>
        await client.PostFileAsync("/statistics/datasets/import", "/statistics/datasets/import", "Table", name, content, type);

    /// <summary>Uploads and maps the census table; returns the check page's address.</summary>
    private static async Task<string> UploadAndMapCensusAsync(HttpClient analyst, byte[] census)
    {
        var uploaded = await UploadAsync(analyst, "census-2013.xlsx", census);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var map = uploaded.Headers.Location!.OriginalString;
        map.ShouldMatch("^/statistics/datasets/import/[0-9a-f]{32}/map$");
        var mapped = await analyst.PostFormAsync(map, new Dictionary<string, string>
        {
            ["HeaderRow"] = "5",
            ["Columns[0]"] = "Region",
            ["Columns[1]"] = "HeaderValue",
            ["Columns[2]"] = "HeaderValue",
            ["Columns[3]"] = "HeaderValue",
            ["HeaderHolds"] = "Sex",
            ["Date"] = "2013-03-01",
            ["Origin"] = "UZ",
            ["Destination"] = "KZ",
            ["Separator"] = ".",
        });
        mapped.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return mapped.Headers.Location!.OriginalString;
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_analyst_imports_a_census_table_and_sees_it_beside_the_registry_with_coverage(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await SeedRegistryAsync(app);
        var analyst = await AnalystAsync(app);
        var check = await UploadAndMapCensusAsync(analyst, Workbooks.Census("Census 2013 " + db));

        // "Sirdaryo v." matches nothing: it waits in the list to map by hand, and nothing can be committed until it is.
        var page = await (await analyst.GetAsync(check)).TextAsync();
        page.ShouldContain("Names to match by hand");
        page.ShouldContain("data-unmatched=\"Sirdaryo v.\"");
        page.ShouldContain("Fix the problems above before importing.");
        page.ShouldNotContain("id=\"commit\"");
        var named = await analyst.PostFormAsync(check, new Dictionary<string, string> { ["Names[0].Kind"] = "region", ["Names[0].Name"] = "Sirdaryo v.", ["Names[0].Code"] = "UZ-SI" }, check + "?handler=Names");
        named.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        page = await (await analyst.GetAsync(check)).TextAsync();
        page.ShouldNotContain("data-unmatched");
        page.ShouldNotContain("id=\"import-errors\"");
        // 6 places × 3 columns, less Xorazm's two ".." cells, which are no figure rather than zero.
        page.ShouldContain("16 figures read from rows 6 to 11; 2 cells marked as having no figure were skipped.");

        var committed = await analyst.PostFormAsync(check, new Dictionary<string, string>
        {
            ["Dataset"] = string.Empty,
            ["Title"] = "Census 2013 " + db,
            ["Indicator"] = "citizens_abroad",
            ["Source"] = "Statistics Agency, Census 2013, table 4.2",
            ["Licence"] = "CC BY 4.0",
            ["Notes"] = "Persons abroad on the census date.",
        }, check + "?handler=Commit");
        committed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var datasetPage = committed.Headers.Location!.OriginalString;
        var view = await (await analyst.GetAsync(datasetPage)).TextAsync();
        view.ShouldContain("Imported as version 1, with 16 figures.");
        view.ShouldContain("Statistics Agency, Census 2013, table 4.2");
        view.ShouldContain("Demo Analyst");

        var list = await (await analyst.GetAsync("/statistics/datasets")).TextAsync();
        list.ShouldContain("Census 2013 " + db);
        list.ShouldContain("UN DESA International Migrant Stock 2019: Central Asia");

        // Exact for the analyst: Surxondaryo 120 of 1,000 is 12% coverage; Xorazm's 3 of 200 is there too.
        var code = datasetPage.Split('/')[^1];
        var exact = await (await analyst.GetAsync($"/statistics/compare?dataset={code}&date=2013-03-01")).TextAsync();
        exact.ShouldContain("data-code=\"UZ-SU\"");
        exact.ShouldContain("data-registry=\"120\"");
        exact.ShouldContain("data-coverage=\"0.12\"");
        exact.ShouldContain("data-coverage=\"0.015\"");
        exact.ShouldContain("Citizens of Uzbekistan in Kazakhstan on 2013-03-01");

        // The public sees Xorazm's 3 hidden and never its ratio; the total of all regions is published, with its ratio.
        var published = await (await app.EnglishBrowser().GetAsync($"/statistics/compare?dataset={code}&date=2013-03-01")).TextAsync();
        published.ShouldNotContain("data-coverage=\"0.015\"");
        published.ShouldNotContain("data-registry=\"3\"");
        published.ShouldContain("hidden:");
        published.ShouldContain("data-registry=\"163\"");
        published.ShouldContain("data-coverage=\"0.0776\"");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_same_file_is_recognised_by_its_hash_and_never_kept_twice(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var analyst = await AnalystAsync(app);
        var census = Workbooks.Census("Hash test " + db);
        var first = await UploadAsync(analyst, "a.xlsx", census);
        var second = await UploadAsync(analyst, "b.xlsx", census);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(census));
        (await app.WithDbAsync(d => d.Set<StatUpload>().CountAsync(u => u.Sha256 == hash))).ShouldBe(1);

        // Once committed, the same bytes are refused with when and as what they were imported.
        var check = await UploadAndMapCensusAsync(analyst, census);
        await analyst.PostFormAsync(check, new Dictionary<string, string> { ["Names[0].Kind"] = "region", ["Names[0].Name"] = "Sirdaryo v.", ["Names[0].Code"] = "UZ-SI" }, check + "?handler=Names");
        var committed = await analyst.PostFormAsync(check, new Dictionary<string, string> { ["Title"] = "Hash test " + db, ["Indicator"] = "citizens_abroad", ["Source"] = "S", ["Licence"] = "L" }, check + "?handler=Commit");
        committed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await UploadAsync(analyst, "c.xlsx", census);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.TextAsync()).ShouldContain("as version 1 of “Hash test " + db + "”. The same file is never imported twice.");
        (await app.WithDbAsync(d => d.Set<StatDatasetVersion>().CountAsync(v => v.FileSha256 == hash))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_new_version_supersedes_the_last_which_stays_readable(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var analyst = await AnalystAsync(app);
        string? datasetPage = null;
        foreach (var title in new[] { "Versioned " + db, "Versioned " + db + " revised" })
        {
            var check = await UploadAndMapCensusAsync(analyst, Workbooks.Census(title));
            await analyst.PostFormAsync(check, new Dictionary<string, string> { ["Names[0].Kind"] = "region", ["Names[0].Name"] = "Sirdaryo v.", ["Names[0].Code"] = "UZ-SI" }, check + "?handler=Names");
            var fields = new Dictionary<string, string> { ["Title"] = "Versioned " + db, ["Indicator"] = "citizens_abroad", ["Source"] = "Census", ["Licence"] = "Open" };
            if (datasetPage is not null)
            {
                fields["Dataset"] = datasetPage.Split('/')[^1];
            }

            var committed = await analyst.PostFormAsync(check, fields, check + "?handler=Commit");
            committed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            datasetPage = committed.Headers.Location!.OriginalString;
        }

        var current = await (await analyst.GetAsync(datasetPage)).TextAsync();
        current.ShouldContain("Imported as version 2");
        var old = await (await analyst.GetAsync(datasetPage + "?version=1")).TextAsync();
        old.ShouldContain("Superseded on");
        old.ShouldContain("Surxondaryo");
        (await analyst.GetAsync(datasetPage + "?version=3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Files_of_the_wrong_kind_or_size_are_refused_with_what_to_do_and_nothing_is_kept(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var analyst = await AnalystAsync(app);
        var before = await app.WithDbAsync(d => d.Set<StatUpload>().CountAsync());
        byte[] oldExcel = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        (await (await UploadAsync(analyst, "table.xls", oldExcel, "application/vnd.ms-excel")).TextAsync()).ShouldContain("old Excel file (.xls)");
        (await (await UploadAsync(analyst, "renamed.xlsx", oldExcel)).TextAsync()).ShouldContain("old Excel file (.xls)");
        (await (await UploadAsync(analyst, "report.pdf", "%PDF-1.7"u8.ToArray(), "application/pdf")).TextAsync()).ShouldContain("This is not a CSV or XLSX file.");
        (await (await UploadAsync(analyst, "broken.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).TextAsync()).ShouldContain("The file could not be read.");
        (await (await UploadAsync(analyst, "cp1251.csv", [0x52, 0x65, 0x67, 0x2C, 0xCF, 0xF0, 0x0A], "text/csv")).TextAsync()).ShouldContain("not in UTF-8");
        var large = new byte[(int)TableGridReader.MaxBytes + 1];
        large.AsSpan().Fill((byte)'1');
        var tooLarge = await UploadAsync(analyst, "big.csv", large, "text/csv");
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLarge.TextAsync()).ShouldContain("The file is larger than 10 MB.");
        (await app.WithDbAsync(d => d.Set<StatUpload>().CountAsync())).ShouldBe(before);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Merged_cells_in_the_data_are_refused_but_merged_headings_and_footnotes_are_read(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var analyst = await AnalystAsync(app);
        var check = await UploadAndMapCensusAsync(analyst, Workbooks.Census("Merged " + db, mergedInData: true, sirdaryo: "Sirdaryo viloyati"));
        var page = await (await analyst.GetAsync(check)).TextAsync();
        page.ShouldContain("data-problem=\"MergedInData\"");
        page.ShouldContain("Merged cells inside the table cannot be read");
        page.ShouldContain("<td class=\"govuk-table__cell\">7</td>");
        page.ShouldNotContain("id=\"commit\"");
        var refused = await analyst.PostFormAsync(check, new Dictionary<string, string> { ["Title"] = "Merged " + db, ["Indicator"] = "citizens_abroad", ["Source"] = "S", ["Licence"] = "L" }, check + "?handler=Commit");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(d => d.Set<StatDataset>().CountAsync(s => s.Title == "Merged " + db))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Numbers_duplicates_and_unknown_countries_are_read_or_refused_by_row_and_column(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var analyst = await AnalystAsync(app);
        var csv = "UN-style table " + db + "\nyear;destination;persons\n2019;Russian Federation;1 234 567,5\n2019;Kazakstan;12,5\n2019;Atlantis;7\n2019;Россия;10\n2019;Kyrgyz Republic;1.234,5\nSource: test\n";
        var uploaded = await UploadAsync(analyst, "un.csv", System.Text.Encoding.UTF8.GetBytes(csv), "text/csv");
        var map = uploaded.Headers.Location!.OriginalString;
        var mapped = await analyst.PostFormAsync(map, new Dictionary<string, string>
        {
            ["HeaderRow"] = "2",
            ["Columns[0]"] = "Date",
            ["Columns[1]"] = "Destination",
            ["Columns[2]"] = "Value",
            ["Origin"] = "UZ",
            ["Separator"] = ",",
        });
        var check = mapped.Headers.Location!.OriginalString;
        var page = await (await analyst.GetAsync(check)).TextAsync();
        // "1 234 567,5" and "12,5" read with a decimal comma; "1.234,5" groups by points; Atlantis waits to be mapped;
        // Russia in Russian is the same observation as the Russian Federation, two rows up.
        page.ShouldContain("3 figures read from rows 3 to 7");
        page.ShouldContain("data-unmatched=\"Atlantis\"");
        page.ShouldContain("data-problem=\"Duplicate\"");
        page.ShouldContain("The same figure (same date, place, sex and age) is already on row 3.");
        page.ShouldContain("1,234,568");

        // Declared with a decimal point, "12,5" cannot be a grouped thousand: refused with the reason.
        await analyst.PostFormAsync(map, new Dictionary<string, string>
        {
            ["HeaderRow"] = "2",
            ["Columns[0]"] = "Date",
            ["Columns[1]"] = "Destination",
            ["Columns[2]"] = "Value",
            ["Origin"] = "UZ",
            ["Separator"] = ".",
        });
        page = await (await analyst.GetAsync(check)).TextAsync();
        page.ShouldContain("This separator does not group thousands: check the decimal separator chosen for the file.");
        page.ShouldNotContain("id=\"commit\"");
    }

    [Fact]
    public async Task Only_analysts_reach_the_wizard_and_the_list()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        foreach (var path in new[] { "/statistics/datasets", "/statistics/datasets/import" })
        {
            var anonymous = await app.Browser().GetAsync(path);
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            anonymous.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
            var officer = app.Browser();
            await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
            (await officer.GetAsync(path)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        }
    }
}
