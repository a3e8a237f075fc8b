using System.Text;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Disclosure;
using MiniExcelLibs;

namespace Caravan.Core.Tests.Statistics;

/// <summary>ASVS 1.3.3: what a spreadsheet would run as a formula is written as text.</summary>
public class AnswerFilesTests
{
    // The prefixes a spreadsheet reads as the start of a formula or a command (OWASP "CSV injection").
    private static readonly string[] Hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"];

    private static StatisticsAnswer Answer(int rows)
    {
        var indicator = Indicators.All.First(i => i.Allows(Dimension.Agency));
        var request = new StatisticsRequest(indicator, [Dimension.Agency], new Dictionary<Dimension, IReadOnlyList<string>>(), 24_300, 24_300, Exact: false);
        var observations = Enumerable.Range(0, rows).Select(i => new Observation("2025-01", [$"A{i}"], 10 + i, CellStatus.Published)).ToList();
        return new StatisticsAnswer(request, [Dimension.Agency], observations, 1, new DisclosureRules(), []);
    }

    [Fact]
    public async Task Csv_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped_and_others_are_left_alone()
    {
        var answer = Answer(Hostile.Length + 1);
        var names = Hostile.Append("Samarkand Labour Bridge LLC").ToList();
        using var output = new StringWriter();
        await AnswerFiles.WriteCsvAsync(output, answer, (_, code) => names[int.Parse(code[1..], System.Globalization.CultureInfo.InvariantCulture)], s => s.ToString());

        using var reader = new CsvHelper.CsvReader(new StringReader(output.ToString()), System.Globalization.CultureInfo.InvariantCulture);
        var records = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        records.Count.ShouldBe(Hostile.Length + 1);
        for (var i = 0; i < Hostile.Length; i++)
        {
            var cell = (string)records[i]["agency_name"];
            // Escaped as OWASP advises: a leading apostrophe, after which a spreadsheet shows the text as typed.
            cell.ShouldBe("'" + Hostile[i], Hostile[i]);
        }

        ((string)records[^1]["agency_name"]).ShouldBe("Samarkand Labour Bridge LLC");
        ((string)records[^1]["value"]).ShouldBe("16");
    }

    [Fact]
    public async Task Xlsx_cells_are_strings_or_numbers_and_never_formulas()
    {
        var answer = Answer(Hostile.Length);
        using var output = new MemoryStream();
        await AnswerFiles.WriteXlsxAsync(output, answer, (_, code) => Hostile[int.Parse(code[1..], System.Globalization.CultureInfo.InvariantCulture)], s => s.ToString());

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(output.ToArray()), System.IO.Compression.ZipArchiveMode.Read);
        var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var text = new StreamReader(sheet.Open(), Encoding.UTF8);
        var xml = await text.ReadToEndAsync();
        xml.ShouldNotContain("<x:f");
        xml.ShouldNotContain("<f>");
        var read = new MemoryStream(output.ToArray()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        read.Select(r => r["agency_name"]?.ToString()).ShouldBe(Hostile.Select(h => h.Replace("\r", "\n", StringComparison.Ordinal)).ToList(), ignoreOrder: false);
    }
}
