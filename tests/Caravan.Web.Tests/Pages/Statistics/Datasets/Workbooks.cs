using System.IO.Compression;
using System.Security;
using System.Text;

namespace Caravan.Web.Tests.Pages.Statistics.Datasets;

/// <summary>
/// Builds small XLSX files the way statistical offices lay out tables: a title and notes above, merged headings, a
/// footnote below. Written as raw SpreadsheetML so that the merges are exactly the ones a test asks for.
/// </summary>
public static class Workbooks
{
    /// <param name="rows">Cells by row; a cell that parses as a number is written as one.</param>
    /// <param name="merges">Ranges such as "A1:D1".</param>
    public static byte[] Build(IReadOnlyList<IReadOnlyList<string>> rows, params string[] merges)
    {
        // Excel keeps only the first cell of a merged range; the others are written empty, as it saves them.
        var covered = new HashSet<(int, int)>();
        foreach (var merge in merges)
        {
            var parts = merge.Split(':');
            var (r1, c1, r2, c2) = (int.Parse(parts[0][1..], System.Globalization.CultureInfo.InvariantCulture) - 1, parts[0][0] - 'A', int.Parse(parts[1][1..], System.Globalization.CultureInfo.InvariantCulture) - 1, parts[1][0] - 'A');
            for (var r = r1; r <= r2; r++)
            {
                for (var c = c1; c <= c2; c++)
                {
                    if ((r, c) != (r1, c1))
                    {
                        covered.Add((r, c));
                    }
                }
            }
        }

        var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Count; c++)
            {
                var text = rows[r][c];
                if (text.Length == 0 || covered.Contains((r, c)))
                {
                    continue;
                }

                var reference = $"{(char)('A' + c)}{r + 1}";
                sheet.Append(decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _) && !text.Contains(',', StringComparison.Ordinal)
                    ? $"<c r=\"{reference}\"><v>{text}</v></c>"
                    : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>");
            }

            sheet.Append("</row>");
        }

        sheet.Append("</sheetData>");
        if (merges.Length > 0)
        {
            sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<mergeCells count=\"{merges.Length}\">");
            foreach (var merge in merges)
            {
                sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<mergeCell ref=\"{merge}\"/>");
            }

            sheet.Append("</mergeCells>");
        }

        sheet.Append("</worksheet>");
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Add(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Jadval\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Add(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A census-style table of citizens abroad by region of origin and sex, in Uzbek: title and note above, "Viloyat"
    /// merged down two heading rows, "Chet eldagi fuqarolar" merged across three, a total row and a footnote.
    /// <paramref name="sirdaryo"/> is written so that no matcher can place it and the analyst maps it by hand.
    /// </summary>
    public static byte[] Census(string title = "2026-yilgi aholini ro‘yxatga olish", bool mergedInData = false, string sirdaryo = "Sirdaryo v.")
    {
        IReadOnlyList<string>[] rows =
        [
            [title, "", "", ""],
            ["Qozog‘istondagi fuqarolar, viloyatlar va jins bo‘yicha (kishi)", "", "", ""],
            ["", "", "", ""],
            ["Viloyat", "Chet eldagi fuqarolar", "", ""],
            ["", "Jami", "Erkaklar", "Ayollar"],
            ["Surxondaryo viloyati", "1000", "600", "400"],
            ["Andijon viloyati", "500", "300", "200"],
            ["Xorazm viloyati", "200", "..", ".."],
            [sirdaryo, "100", "60", "40"],
            ["Toshkent shahri", "300", "200", "100"],
            ["Jami", "2100", "1160", "740"],
            ["Manba: Statistika agentligi, 2026-yilgi ro‘yxat, 4.2-jadval.", "", "", ""],
        ];
        string[] merges = mergedInData
            ? ["A1:D1", "A4:A5", "B4:D4", "A12:D12", "C7:D7"]
            : ["A1:D1", "A4:A5", "B4:D4", "A12:D12"];
        return Build(rows, merges);
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
