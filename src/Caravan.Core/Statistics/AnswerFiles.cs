using System.Globalization;
using Caravan.Core.Statistics.Disclosure;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Caravan.Core.Statistics;

/// <summary>
/// An answer as a flat, labelled table for people who open it in a spreadsheet: each code beside its name in the
/// reader's language, the value (empty when hidden) and its status in words. SDMX-CSV (<see cref="SdmxCsv"/>) is the
/// machine-readable form; this one is for reading.
/// </summary>
public static class AnswerFiles
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Column names: stable ids, not translated, so that a script written against one language's file reads another's.</summary>
    public static IReadOnlyList<string> Headers(StatisticsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return ["period", .. answer.Dimensions.SelectMany(d => new[] { Codelists.Id(d), Codelists.Id(d) + "_name" }), "value", "unit", "status"];
    }

    /// <summary>One row per observation, in the answer's order, matching <see cref="Headers"/>.</summary>
    public static IEnumerable<object?[]> Rows(StatisticsAnswer answer, Func<Dimension, string, string> name, Func<CellStatus, string> status)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(status);
        foreach (var o in answer.Observations)
        {
            var row = new object?[3 + (2 * answer.Dimensions.Count) + 1];
            row[0] = o.Period;
            for (var i = 0; i < answer.Dimensions.Count; i++)
            {
                row[1 + (2 * i)] = o.Codes[i];
                row[2 + (2 * i)] = name(answer.Dimensions[i], o.Codes[i]);
            }

            row[^3] = o.Value;
            row[^2] = answer.Request.Indicator.Unit;
            row[^1] = status(o.Status);
            yield return row;
        }
    }

    public static async Task WriteCsvAsync(TextWriter output, StatisticsAnswer answer, Func<Dimension, string, string> name, Func<CellStatus, string> status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Agency names are typed by people: a name starting with "=" must not become a formula in a spreadsheet.
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n", InjectionOptions = InjectionOptions.Escape };
        await using var csv = new CsvWriter(output, config, leaveOpen: true);
        foreach (var header in Headers(answer))
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        foreach (var row in Rows(answer, name, status))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var field in row)
            {
                csv.WriteField(field is decimal d ? d.ToString(CultureInfo.InvariantCulture) : field?.ToString() ?? string.Empty);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    /// <summary>One sheet named "data"; values are numbers, text cells are never formulas.</summary>
    public static async Task WriteXlsxAsync(Stream output, StatisticsAnswer answer, Func<Dimension, string, string> name, Func<CellStatus, string> status, CancellationToken cancellationToken = default)
    {
        var headers = Headers(answer);
        var rows = Rows(answer, name, status).Select(row =>
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                record[headers[i]] = row[i];
            }

            return record;
        }).ToList();
        await output.SaveAsAsync(rows, sheetName: "data", cancellationToken: cancellationToken);
    }
}
