using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Datasets;

namespace Caravan.Core.Tests.Statistics.Datasets;

/// <summary>How a mapped table becomes observations: notes skipped, wide headings read, names matched, problems placed.</summary>
public class ImportCheckerTests
{
    private static readonly Dictionary<string, string> Uzbekistan = new()
    {
        ["UZ-AN"] = "Andijon",
        ["UZ-FA"] = "Farg‘ona",
        ["UZ-SU"] = "Surxondaryo",
        ["UZ-TK"] = "Toshkent",
        ["UZ-TO"] = "Toshkent",
        ["UZ-QR"] = "Qoraqalpog‘iston Respublikasi",
        ["UZ-XO"] = "Xorazm",
    };

    private static ImportChecker Checker(HandMappedNames? names = null) => new(
        new CountryMatcher([("KZ", "Kazakhstan"), ("KZ", "Казахстан"), ("RU", "Russia"), ("RU", "Russian Federation"), ("UZ", "Uzbekistan")]),
        new RegionMatcher("UZ", Uzbekistan),
        names ?? new HandMappedNames(),
        "UZ");

    private static TableGrid Grid(params string[][] rows) => new([.. rows], new HashSet<(int, int)>());

    [Theory]
    [InlineData("Surxondaryo viloyati", "UZ-SU")]
    [InlineData("Сурхондарё вилояти", "UZ-SU")]
    [InlineData("FARG'ONA", "UZ-FA")]
    [InlineData("Фарғона вилояти", "UZ-FA")]
    [InlineData("Toshkent shahri", "UZ-TK")]
    [InlineData("Тошкент шаҳри", "UZ-TK")]
    [InlineData("Toshkent viloyati", "UZ-TO")]
    [InlineData("Qoraqalpog‘iston Respublikasi", "UZ-QR")]
    [InlineData("uz-xo", "UZ-XO")]
    [InlineData("Toshkent", null)]
    [InlineData("Sirdaryo v.", null)]
    public void Regions_match_with_their_kind_words_in_either_script_and_shared_names_wait_for_a_person(string name, string? code) =>
        new RegionMatcher("UZ", Uzbekistan).Match(name).ShouldBe(code);

    [Theory]
    [InlineData("Ayollar", "F")]
    [InlineData("Женщины", "F")]
    [InlineData("Erkaklar", "M")]
    [InlineData("Мардон", "M")]
    [InlineData("Jami", Codelists.Total)]
    [InlineData("Барлығы", Codelists.Total)]
    [InlineData("Unknown", null)]
    public void Sexes_and_totals_read_in_the_languages_of_the_region(string text, string? code) => DimensionValues.Sex(text).ShouldBe(code);

    [Theory]
    [InlineData("15–24", "15-24")]
    [InlineData("15 - 24 yosh", "15-24")]
    [InlineData("65+", "65+")]
    [InlineData("65 va undan katta", "65+")]
    [InlineData("All ages", Codelists.Total)]
    [InlineData("24-15", null)]
    public void Age_bands_read_as_tables_write_them(string text, string? band) => DimensionValues.AgeBand(text).ShouldBe(band);

    [Fact]
    public void A_wide_table_with_notes_above_and_below_reads_one_figure_per_cell()
    {
        var grid = Grid(
            ["Migrant stock by destination", "", ""],
            ["", "", ""],
            ["Destination", "2015", "2019"],
            ["Kazakhstan", "1 000", "1 250"],
            ["Russian Federation", "..", "900"],
            ["Source: UN DESA", "", ""]);
        var mapping = new ImportMapping { HeaderRow = 3, Columns = [ColumnRole.Destination, ColumnRole.HeaderValue, ColumnRole.HeaderValue], HeaderHolds = HeaderDimension.Date, DecimalSeparator = ',' };
        var result = Checker().Check(grid, mapping);
        result.Errors.ShouldBeEmpty();
        result.CanCommit.ShouldBeTrue();
        result.Missing.ShouldBe(1);
        result.DataRows.ShouldBe((4, 5));
        result.Observations.Select(o => (o.Observation.Date.Year, o.Observation.Destination, o.Observation.Value, o.Observation.Origin))
            .ShouldBe([(2015, "KZ", 1000m, "UZ"), (2019, "KZ", 1250m, "UZ"), (2019, "RU", 900m, "UZ")]);
        result.Observations.ShouldAllBe(o => o.Observation.Date.Month == 7 && o.Observation.Date.Day == 1);
    }

    [Fact]
    public void Unknown_names_wait_for_the_analyst_and_are_then_read_as_mapped()
    {
        var grid = Grid(["Region", "Persons"], ["Sirdaryo v.", "100"], ["Sirdaryo v.", "5"], ["Andijon", "20"]);
        var mapping = new ImportMapping { HeaderRow = 1, Columns = [ColumnRole.Region, ColumnRole.Value], Date = "2026-03-15" };
        var before = Checker().Check(grid, mapping);
        before.Unmatched.ShouldBe([new UnmatchedName(HandMappedNames.Region, "Sirdaryo v.", 2)]);
        before.CanCommit.ShouldBeFalse();

        var names = new HandMappedNames();
        names.Set(HandMappedNames.Region, "SIRDARYO V.", "UZ-SI");
        var after = Checker(names).Check(grid, mapping);
        after.Unmatched.ShouldBeEmpty();
        // The same place twice is one figure counted twice: refused on the second row, naming the first.
        after.Errors.ShouldHaveSingleItem().ShouldBe(new ImportError(ImportProblem.Duplicate, 3, "B", "5", "2"));
        after.Observations.First().Observation.Date.ShouldBe(new DateOnly(2026, 3, 15));
    }

    [Fact]
    public void A_mapping_without_figures_or_a_date_says_so()
    {
        var grid = Grid(["Region", "Persons"], ["Andijon", "20"]);
        Checker().Check(grid, new ImportMapping { Columns = [ColumnRole.Region, ColumnRole.Ignore], Date = "2026" }).Errors.ShouldHaveSingleItem().Problem.ShouldBe(ImportProblem.NoValueColumn);
        Checker().Check(grid, new ImportMapping { Columns = [ColumnRole.Region, ColumnRole.Value] }).Errors.ShouldHaveSingleItem().Problem.ShouldBe(ImportProblem.NoDate);
        Checker().Check(grid, new ImportMapping { Columns = [ColumnRole.Region, ColumnRole.Value], Date = "March" }).Errors.ShouldHaveSingleItem().Problem.ShouldBe(ImportProblem.Date);
        Checker().Check(grid, new ImportMapping { HeaderRow = 9, Columns = [ColumnRole.Region, ColumnRole.Value], Date = "2026" }).Errors.ShouldHaveSingleItem().Problem.ShouldBe(ImportProblem.HeaderRow);
    }

    [Fact]
    public void A_merged_cell_among_the_figures_is_refused_where_it_is()
    {
        var grid = new TableGrid([["Region", "Persons"], ["Andijon", "20"], ["Andijon", "20"], ["Note", "Note"]], new HashSet<(int, int)> { (2, 0), (3, 1) });
        var result = Checker().Check(grid, new ImportMapping { Columns = [ColumnRole.Region, ColumnRole.Value], Date = "2026" });
        // Row 3 is merged into row 2; row 4's note merged across the table is a footnote, not a figure.
        result.Errors.ShouldHaveSingleItem().ShouldBe(new ImportError(ImportProblem.MergedInData, 3, "A", "Andijon"));
        result.DataRows.ShouldBe((2, 3));
    }
}
