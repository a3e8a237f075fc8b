using System.Globalization;
using System.Text.RegularExpressions;

namespace Caravan.Core.Statistics;

/// <summary>
/// Periods on the wire (ISO 8601 and SDMX: "2026", "2026-Q1", "2026-03") and in storage (months as year × 100 + month).
/// An indicator is published only at its own periodicity, so no two published periods overlap.
/// </summary>
public static partial class Periods
{
    public const int MaxPeriods = 240;

    [GeneratedRegex(@"^(?<y>\d{4})(-(Q(?<q>[1-4])|(?<m>0[1-9]|1[0-2])))?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Pattern();

    /// <summary>The first and last month a period covers, or null when the text is not a period.</summary>
    public static (int First, int Last)? Parse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1990 or > 2100)
        {
            return null;
        }

        if (match.Groups["q"].Success)
        {
            var q = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
            return ((year * 100) + ((q - 1) * 3) + 1, (year * 100) + (q * 3));
        }

        if (match.Groups["m"].Success)
        {
            var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            return ((year * 100) + m, (year * 100) + m);
        }

        return ((year * 100) + 1, (year * 100) + 12);
    }

    /// <summary>The period of the indicator's periodicity that contains a month.</summary>
    public static string Of(int month, Periodicity periodicity)
    {
        var year = month / 100;
        var m = month % 100;
        return periodicity switch
        {
            Periodicity.Annual => year.ToString(CultureInfo.InvariantCulture),
            Periodicity.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{year}-Q{((m - 1) / 3) + 1}"),
            Periodicity.Monthly => string.Create(CultureInfo.InvariantCulture, $"{year}-{m:00}"),
            _ => throw new ArgumentOutOfRangeException(nameof(periodicity), periodicity, null),
        };
    }

    /// <summary>The periods from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, each with its last month.</summary>
    public static IReadOnlyList<(string Period, int FirstMonth, int LastMonth)> Range(int first, int last, Periodicity periodicity)
    {
        var result = new List<(string, int, int)>();
        var month = first;
        while (month <= last && result.Count <= MaxPeriods)
        {
            var period = Of(month, periodicity);
            var (start, end) = Parse(period)!.Value;
            result.Add((period, start, end));
            month = Next(end);
        }

        return result;
    }

    public static int Next(int month) => month % 100 == 12 ? ((month / 100) + 1) * 100 + 1 : month + 1;

    public static int MonthOf(DateOnly date) => (date.Year * 100) + date.Month;

    /// <summary>The month <paramref name="count"/> months before <paramref name="month"/>.</summary>
    public static int MonthsBefore(int month, int count)
    {
        var index = ((month / 100) * 12) + (month % 100) - 1 - count;
        return ((index / 12) * 100) + (index % 12) + 1;
    }
}
