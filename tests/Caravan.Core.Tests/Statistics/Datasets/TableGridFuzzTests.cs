using System.IO.Compression;
using System.Text;
using Caravan.Core.Statistics.Datasets;
using Caravan.Core.Tests.Fuzz;
using MiniExcelLibs;

namespace Caravan.Core.Tests.Statistics.Datasets;

/// <summary>
/// Issue 18, fuzzing: the statistics import reads any uploaded CSV or XLSX to a table, guesses a mapping and checks
/// it, and either gets a result or names the file's problem, never an exception and never a hang. The XLSX cases are
/// mutated inside the package (XML of the sheet, the workbook and its relationships), since a byte flip in a zip is
/// only a failed checksum; zip bombs and merges over the whole sheet are among them.
/// </summary>
public class TableGridFuzzTests
{
    private static readonly string[] CsvSeeds =
    [
        "Migrant stock by destination;;\n;;\nDestination;2015;2019\nKazakhstan;1 000;1 250\nRussian Federation;..;900\nSource: UN DESA;;\n",
        "region,sex,age,date,value\nUZ-SU,F,15-24,2024-01-01,120\nUZ-TK,M,65+,2024-01-01,\"1,5\"\n",
        "\uFEFFDestination\tJami\tAyollar\nKazakhstan\t10\t4\n",
    ];

    private static readonly ImportChecker Checker = new(
        new CountryMatcher([("KZ", "Kazakhstan"), ("RU", "Russian Federation"), ("UZ", "Uzbekistan")]),
        new RegionMatcher("UZ", new Dictionary<string, string> { ["UZ-SU"] = "Surxondaryo", ["UZ-TK"] = "Toshkent" }),
        new HandMappedNames(),
        "UZ");

    private static readonly Lazy<byte[]> XlsxSeed = new(() =>
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["A"] = "Destination", ["B"] = "2015", ["C"] = "2019" },
            new Dictionary<string, object> { ["A"] = "Kazakhstan", ["B"] = 1000, ["C"] = 1250.5 },
            new Dictionary<string, object> { ["A"] = "Russian Federation", ["B"] = "..", ["C"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified) },
        }, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    });

    /// <summary>What the upload does with a file: read it, and when it is a table, guess its mapping and check it.</summary>
    internal static void ReadGuessCheck(string name, byte[] content)
    {
        var (grid, problem) = TableGridReader.Read(name, content);
        if (grid is null)
        {
            problem.ShouldNotBe(TableFileProblem.None, "a refused file names its problem");
            return;
        }

        problem.ShouldBe(TableFileProblem.None);
        var mapping = DatasetUploads.Guess(grid);
        _ = Checker.Check(grid, mapping);
    }

    [Fact]
    public Task Generated_csv_files_read_or_are_refused_with_a_reason() =>
        FuzzRun.CasesAsync("stats-csv", Mutator.Count(), (m, i) =>
            (m.Pick(["t.csv", "t.txt", "t.CSV", "t.xlsx", "t"]), m.Bytes(Encoding.UTF8.GetBytes(CsvSeeds[i % CsvSeeds.Length]))),
            (name, input) => Task.Run(() => ReadGuessCheck(name, input)));

    [Fact]
    public Task Generated_xlsx_files_read_or_are_refused_with_a_reason() =>
        FuzzRun.CasesAsync("stats-xlsx", Mutator.Count(), (m, i) => ("t.xlsx", (i % 50) switch
        {
            0 => XlsxFiles.ZipBomb(m),
            1 => XlsxFiles.WithMerge(XlsxSeed.Value, m.Pick(["A1:XFD1048576", "A1:ZZZZZZZZ1", "A1:C2", "B2:A1", "A0:B1", "A1:A99999999999"])),
            2 => m.Bytes(XlsxSeed.Value),
            3 => XlsxFiles.WithMerge(XlsxFiles.TallSheet.Value, "A1:XFD1048576"),
            _ => XlsxFiles.MutateEntry(XlsxSeed.Value, m),
        }), (name, input) => Task.Run(() => ReadGuessCheck(name, input)));

    public static TheoryData<string> CsvCorpus => FuzzRun.Corpus("stats-csv");

    public static TheoryData<string> XlsxCorpus => FuzzRun.Corpus("stats-xlsx");

    [Theory]
    [MemberData(nameof(CsvCorpus))]
    public void Committed_csv_cases_read_or_are_refused_with_a_reason(string file) => ReadGuessCheck(file, FuzzRun.CorpusFile("stats-csv", file));

    [Theory]
    [MemberData(nameof(XlsxCorpus))]
    public void Committed_xlsx_cases_read_or_are_refused_with_a_reason(string file) => ReadGuessCheck(file, FuzzRun.CorpusFile("stats-xlsx", file));
}

/// <summary>Builds hostile workbooks by editing the parts of a valid one.</summary>
internal static class XlsxFiles
{
    public static byte[] Rewrite(byte[] xlsx, Func<string, string, string?> edit)
    {
        using var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = edit(entry.FullName, reader.ReadToEnd());
                if (text is null)
                {
                    continue;
                }

                using var writer = new StreamWriter(target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return output.ToArray();
    }

    private static readonly string[] Parts = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/sharedStrings.xml", "xl/styles.xml"];

    /// <summary>One part of the package mutated as text, or dropped.</summary>
    public static byte[] MutateEntry(byte[] xlsx, Mutator m)
    {
        var part = m.Pick(Parts);
        var drop = m.Random.Next(20) == 0;
        return Rewrite(xlsx, (name, text) => name != part ? text : drop ? null : m.Random.Next(3) == 0
            ? InsertCells(text, m)
            : Encoding.UTF8.GetString(m.Bytes(Encoding.UTF8.GetBytes(text))));
    }

    private static string InsertCells(string text, Mutator m)
    {
        // MiniExcel writes its parts with the x: prefix. Cells with hostile references, types and values, where MiniExcel expects tidy ones.
        var at = text.IndexOf("</x:row>", StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var reference = m.Pick(["XFD1", "ZZZZZZZZ1", "A0", "A1048577", "1A", "", "A-1", "AAAAAAAAAAAAAAAAAAAAA9"]);
        var type = m.Pick(["s", "n", "b", "d", "e", "str", "inlineStr", "x"]);
        var value = System.Security.SecurityElement.Escape(m.Text());
        return text.Insert(at, $"<x:c r=\"{reference}\" t=\"{type}\"><x:v>{value}</x:v></x:c>");
    }

    public static byte[] WithMerge(byte[] xlsx, string range) => Rewrite(xlsx, (name, text) => name != "xl/worksheets/sheet1.xml" ? text
        : text.Replace("</x:sheetData>", $"</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"{range}\"/></x:mergeCells>", StringComparison.Ordinal));

    /// <summary>A small file that inflates to a very large sheet: many rows, or one row of very many cells.</summary>
    private static readonly Lazy<byte[]> BombBase = new(() =>
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object> { ["A"] = "x" } }, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    });

    /// <summary>Just under the row limit, so that a merge over the whole sheet meets every row.</summary>
    public static readonly Lazy<byte[]> TallSheet = new(() => Rewrite(BombBase.Value, (name, text) => name != "xl/worksheets/sheet1.xml" ? text : Bomb(text, wide: false, count: 90_000)));

    public static byte[] ZipBomb(Mutator m) => m.Random.Next(2) == 0 ? WideBomb.Value : LongBomb.Value;

    private static readonly Lazy<byte[]> WideBomb = new(() => Rewrite(BombBase.Value, (name, text) => name != "xl/worksheets/sheet1.xml" ? text : Bomb(text, wide: true)));

    private static readonly Lazy<byte[]> LongBomb = new(() => Rewrite(BombBase.Value, (name, text) => name != "xl/worksheets/sheet1.xml" ? text : Bomb(text, wide: false)));

    private static string Bomb(string sheet, bool wide, int count = 150_000)
    {
        var rows = new StringBuilder();
        if (wide)
        {
            rows.Append("<x:row r=\"1\">");
            for (var c = 0; c < 16_384; c++)
            {
                rows.Append("<x:c t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c>");
            }

            rows.Append("</x:row>");
            for (var r = 2; r < 400; r++)
            {
                rows.Append("<x:row r=\"").Append(r).Append("\"><x:c><x:v>1</x:v></x:c><x:c r=\"XFD").Append(r).Append("\"><x:v>1</x:v></x:c></x:row>");
            }
        }
        else
        {
            for (var r = 1; r <= count; r++)
            {
                rows.Append("<x:row><x:c><x:v>1</x:v></x:c></x:row>");
            }
        }

        var start = sheet.IndexOf("<x:sheetData", StringComparison.Ordinal);
        var end = sheet.IndexOf("</x:sheetData>", StringComparison.Ordinal);
        return start < 0 || end < 0 ? sheet : sheet[..start] + "<x:sheetData>" + rows + sheet[end..];
    }
}
