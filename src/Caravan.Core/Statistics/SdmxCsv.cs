using System.Globalization;
using Caravan.Core.Statistics.Disclosure;
using CsvHelper;
using CsvHelper.Configuration;

namespace Caravan.Core.Statistics;

/// <summary>
/// Writes an answer as SDMX-CSV 2.0: one row per observation, every dimension of the dataflow as a column (a
/// dimension the question did not cut by is "_T"), then TIME_PERIOD, OBS_VALUE and the attributes UNIT_MEASURE and
/// CONF_STATUS (F free, C confidential, D secondary confidentiality, from SDMX's CL_CONF_STATUS).
/// The dataflow and codelist ids are written down in docs/statistics.md and never change.
/// </summary>
public static class SdmxCsv
{
    public const string MediaType = "application/vnd.sdmx.data+csv; version=2.0.0";
    public const string Agency = "CARAVAN";
    public const string Version = "1.0";

    private static readonly string[] Leading = ["STRUCTURE", "STRUCTURE_ID", "ACTION"];
    private static readonly string[] Trailing = ["TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "CONF_STATUS"];

    public static string StructureId(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return $"{Agency}:{indicator.Dataflow}({Version})";
    }

    public static string ColumnOf(Dimension dimension) => Codelists.Id(dimension).ToUpperInvariant();

    public static string ConfStatus(CellStatus status) => status switch
    {
        CellStatus.Published => "F",
        CellStatus.Suppressed => "C",
        CellStatus.SecondarySuppressed => "D",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static async Task WriteAsync(TextWriter output, StatisticsAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(answer);
        var indicator = answer.Request.Indicator;
        await using var csv = new CsvWriter(output, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true);
        foreach (var header in Leading.Concat(indicator.Dimensions.Select(ColumnOf)).Concat(Trailing))
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        var structure = StructureId(indicator);
        foreach (var o in answer.Observations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField("dataflow");
            csv.WriteField(structure);
            csv.WriteField("I");
            foreach (var dimension in indicator.Dimensions)
            {
                var at = IndexOf(answer.Dimensions, dimension);
                csv.WriteField(at < 0 ? Codelists.Total : o.Codes[at]);
            }

            csv.WriteField(o.Period);
            csv.WriteField(o.Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(indicator.Unit);
            csv.WriteField(ConfStatus(o.Status));
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private static int IndexOf(IReadOnlyList<Dimension> dimensions, Dimension dimension)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i] == dimension)
            {
                return i;
            }
        }

        return -1;
    }
}
