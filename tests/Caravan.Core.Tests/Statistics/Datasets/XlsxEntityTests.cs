using System.Text;
using Caravan.Core.Statistics.Datasets;
using MiniExcelLibs;

namespace Caravan.Core.Tests.Statistics.Datasets;

/// <summary>ASVS 1.5.1 and 5.2.x: an uploaded workbook's XML cannot pull in a file or expand into a bomb.</summary>
public class XlsxEntityTests
{
    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["A"] = "Destination", ["B"] = "2019" },
            new Dictionary<string, object> { ["A"] = "Kazakhstan", ["B"] = 1250 },
        }, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A DOCTYPE declaring <paramref name="entity"/> as "e", and a use of it in the part.</summary>
    private static byte[] WithEntity(string part, string entity) => XlsxFiles.Rewrite(Workbook(), (name, text) =>
    {
        if (name != part)
        {
            return text;
        }

        var root = text.IndexOf('<', text.IndexOf("?>", StringComparison.Ordinal) + 2);
        var withDoctype = text.Insert(root, $"<!DOCTYPE x [{entity}]>");
        // Used where each reader looks: a cell's text in the sheet, a merge reference, a sheet name in the workbook.
        return withDoctype.Replace("Kazakhstan", "&e;", StringComparison.Ordinal).Replace("</x:sheetData>", "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"&e;\"/></x:mergeCells>", StringComparison.Ordinal);
    });

    public static TheoryData<string> Parts => new() { "xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml" };

    [Theory]
    [MemberData(nameof(Parts))]
    public void An_external_entity_in_any_part_is_refused_and_its_file_never_read(string part)
    {
        var secret = Path.Combine(Path.GetTempPath(), $"caravan-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "XXE-MARKER-7f3a");
        try
        {
            var (grid, problem) = TableGridReader.Read("table.xlsx", WithEntity(part, $"<!ENTITY e SYSTEM \"file://{secret}\">"));
            if (grid is not null)
            {
                // A part the readers never open may keep its DOCTYPE; what is read must still not hold the file.
                problem.ShouldBe(TableFileProblem.None);
                string.Join("|", grid.Rows.SelectMany(r => r)).ShouldNotContain("XXE-MARKER");
            }
            else
            {
                problem.ShouldBe(TableFileProblem.Unreadable);
            }
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void Nested_internal_entities_are_refused_in_any_part_before_they_expand(string part)
    {
        var laughs = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        laughs.Append("<!ENTITY e \"&l9;\">");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (grid, problem) = TableGridReader.Read("table.xlsx", WithEntity(part, laughs.ToString()));
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        if (grid is not null)
        {
            string.Join("|", grid.Rows.SelectMany(r => r)).ShouldNotContain("lollol");
        }
        else
        {
            problem.ShouldBe(TableFileProblem.Unreadable);
        }
    }

    [Fact]
    public void The_sheet_and_the_workbook_parts_with_a_DOCTYPE_are_refused_outright()
    {
        // Both readers meet these parts, so a DOCTYPE in either is seen and refused, not skipped.
        foreach (var part in new[] { "xl/worksheets/sheet1.xml", "xl/workbook.xml" })
        {
            TableGridReader.Read("table.xlsx", WithEntity(part, "<!ENTITY e \"x\">")).ShouldBe((null, TableFileProblem.Unreadable), part);
        }

        TableGridReader.Read("table.xlsx", Workbook()).Problem.ShouldBe(TableFileProblem.None);
    }
}
