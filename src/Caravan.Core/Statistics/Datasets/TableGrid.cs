using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>Why a file could not be read as a table.</summary>
public enum TableFileProblem
{
    None,
    Empty,
    TooLarge,
    FileType,
    OldExcel,
    Encoding,
    Unreadable,
    TooManyRows,
}

/// <summary>
/// A sheet as text, row by row, with the merged cells marked. Merged cells are filled with the value of their
/// first cell, so that a header merged over several columns labels each of them.
/// </summary>
public sealed class TableGrid(IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlySet<(int Row, int Column)> merged)
{
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; } = rows;

    public int Columns { get; } = rows.Count == 0 ? 0 : rows.Max(r => r.Count);

    /// <summary>Cells (0-based) that belong to a merged range and are not its first cell.</summary>
    public IReadOnlySet<(int Row, int Column)> Merged { get; } = merged;

    public string Cell(int row, int column) => row < Rows.Count && column < Rows[row].Count ? Rows[row][column] : string.Empty;

    /// <summary>The spreadsheet name of a column: A, B, … Z, AA.</summary>
    public static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name;
    }
}

/// <summary>Reads an uploaded CSV or XLSX (first sheet) into a <see cref="TableGrid"/>, or says why not.</summary>
public static class TableGridReader
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 100_000;

    private static readonly byte[] ZipHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleHeader = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The kind of file by its name and first bytes; a renamed file is judged by its bytes.</summary>
    public static (string? Kind, TableFileProblem Problem) Sniff(string fileName, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.Length == 0)
        {
            return (null, TableFileProblem.Empty);
        }

        if (content.Length > MaxBytes)
        {
            return (null, TableFileProblem.TooLarge);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.StartsWith(OleHeader) || extension == ".xls")
        {
            return (null, TableFileProblem.OldExcel);
        }

        if (content.StartsWith(ZipHeader))
        {
            return extension == ".xlsx" ? ("xlsx", TableFileProblem.None) : (null, TableFileProblem.FileType);
        }

        return extension is ".csv" or ".txt" ? ("csv", TableFileProblem.None) : (null, TableFileProblem.FileType);
    }

    public static (TableGrid? Grid, TableFileProblem Problem) Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (kind, problem) = Sniff(fileName, content);
        if (kind is null)
        {
            return (null, problem);
        }

        try
        {
            return kind == "xlsx" ? ReadXlsx(content) : ReadCsv(content);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or System.Xml.XmlException or CsvHelperException or FormatException or NotSupportedException)
        {
            // A damaged or password-protected workbook: the analyst is told to open and save it again.
            return (null, TableFileProblem.Unreadable);
        }
        catch (Exception e) when (kind == "xlsx" && e is NullReferenceException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            // MiniExcel meets some damaged packages (a part's XML cut short, odd cell references) with these rather than
            // an XML error (found by fuzzing, tests/Caravan.Core.Tests/Fuzz/corpus/stats-xlsx): the file is just as unreadable.
            return (null, TableFileProblem.Unreadable);
        }
    }

    /// <summary>
    /// The separator that splits the most of the first lines into the same number of cells. Titles and notes above a
    /// table have none, and a decimal comma in the figures must not pass for one, so the most frequent is not enough.
    /// </summary>
    private static string Delimiter(string text)
    {
        var lines = text.Split('\n', 40).Take(30).Where(l => l.Trim().Length > 0).ToList();
        var best = (Delimiter: ",", Score: -1);
        foreach (var candidate in new[] { ";", "\t", "," })
        {
            var counts = lines.Select(l => l.Count(c => c == candidate[0])).Where(n => n > 0).ToList();
            var score = counts.Count == 0 ? 0 : counts.GroupBy(n => n).Max(g => g.Count());
            if (score > best.Score)
            {
                best = (candidate, score);
            }
        }

        return best.Delimiter;
    }

    private static (TableGrid?, TableFileProblem) ReadCsv(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return (null, TableFileProblem.Encoding);
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Delimiter = Delimiter(text),
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), config);
        var rows = new List<IReadOnlyList<string>>();
        while (reader.Read())
        {
            if (rows.Count == MaxRows)
            {
                return (null, TableFileProblem.TooManyRows);
            }

            rows.Add([.. (reader.Parser.Record ?? []).Select(c => c.Trim())]);
        }

        return rows.Count == 0 ? (null, TableFileProblem.Empty) : (new TableGrid(rows, new HashSet<(int, int)>()), TableFileProblem.None);
    }

    private static (TableGrid?, TableFileProblem) ReadXlsx(byte[] content)
    {
        var rows = new List<List<string>>();
        using (var stream = new MemoryStream(content, writable: false))
        {
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                if (rows.Count == MaxRows)
                {
                    return (null, TableFileProblem.TooManyRows);
                }

                rows.Add([.. row.Values.Select(Text)]);
            }
        }

        // Each merged range is filled with its first cell's value, so a heading merged across columns labels each one;
        // the filled cells are remembered, since a merge inside the figures is refused.
        // A merge reaching past the cells the sheet has (up to XFD1048576) fills nothing anyone reads, and filling it
        // would hang the upload (found by fuzzing: a 55 KB file), so each merge stops at the sheet's last row and column.
        var merged = new HashSet<(int, int)>();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        foreach (var (r1, c1, r2Merged, c2Merged) in XlsxMerges.Read(content))
        {
            var (r2, c2) = (Math.Min(r2Merged, rows.Count - 1), Math.Min(c2Merged, width - 1));
            var value = r1 < rows.Count && c1 < rows[r1].Count ? rows[r1][c1] : string.Empty;
            for (var r = r1; r <= r2 && r < rows.Count; r++)
            {
                for (var c = c1; c <= c2; c++)
                {
                    if ((r, c) == (r1, c1))
                    {
                        continue;
                    }

                    while (rows[r].Count <= c)
                    {
                        rows[r].Add(string.Empty);
                    }

                    rows[r][c] = value;
                    merged.Add((r, c));
                }
            }
        }

        return rows.Count == 0 ? (null, TableFileProblem.Empty) : (new TableGrid([.. rows], merged), TableFileProblem.None);
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("s", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim(),
    };
}
