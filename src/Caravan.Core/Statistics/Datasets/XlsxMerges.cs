using System.IO.Compression;
using System.Xml;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>
/// The merged ranges of a workbook's first sheet, which MiniExcel reads the cells of but does not list. Only the
/// sheet's <c>mergeCells</c> element is read, through the workbook's relationships as the package defines them.
/// </summary>
internal static class XlsxMerges
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>0-based (first row, first column, last row, last column) of each merge.</summary>
    public static IEnumerable<(int, int, int, int)> Read(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        var workbook = Load(zip, "xl/workbook.xml");
        var manager = new XmlNamespaceManager(workbook.NameTable);
        manager.AddNamespace("m", Main);
        var id = (workbook.SelectSingleNode("//m:sheets/m:sheet", manager) as XmlElement)?.GetAttribute("id", Relationships);
        var rels = Load(zip, "xl/_rels/workbook.xml.rels");
        var target = rels.DocumentElement?.ChildNodes.OfType<XmlElement>().FirstOrDefault(r => r.GetAttribute("Id") == id)?.GetAttribute("Target");
        if (string.IsNullOrEmpty(target))
        {
            return [];
        }

        var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
        var sheet = Load(zip, path);
        var sheetManager = new XmlNamespaceManager(sheet.NameTable);
        sheetManager.AddNamespace("m", Main);
        var merges = new List<(int, int, int, int)>();
        foreach (XmlElement merge in sheet.SelectNodes("//m:mergeCells/m:mergeCell", sheetManager)!)
        {
            var parts = merge.GetAttribute("ref").Split(':');
            if (parts.Length == 2 && Cell(parts[0]) is { } from && Cell(parts[1]) is { } to)
            {
                merges.Add((from.Row, from.Column, to.Row, to.Column));
            }
        }

        return merges;
    }

    private static XmlDocument Load(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The workbook has no {name}.");
        using var stream = entry.Open();
        // No DTDs and no external entities: the file is the uploader's.
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = new XmlDocument { XmlResolver = null };
        document.Load(reader);
        return document;
    }

    /// <summary>"C7" as (6, 2).</summary>
    private static (int Row, int Column)? Cell(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && i < 4 && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
        }

        // XFD1048576 is the last cell a sheet can have; longer references would overflow the column number.
        return i is > 0 and <= 3 && column <= 16_384
            && int.TryParse(reference[i..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) && row is > 0 and <= 1_048_576
            ? (row - 1, column - 1)
            : null;
    }
}
