using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Tests.Statistics.Disclosure;

internal static class ProtectionAssert
{
    /// <summary>The brief's interval, written out again here rather than taken from production code.</summary>
    public static string? Violation(MeasureKind kind, DisclosureRules rules, double x, double low, double high)
    {
        var tolerance = 1e-6 * Math.Max(1, x);
        double needLow, needHigh;
        if (kind == MeasureKind.Count)
        {
            needLow = Math.Max(0, x - rules.Threshold);
            needHigh = x + rules.Threshold;
        }
        else
        {
            var p = (double)rules.DominancePercent / 100;
            needLow = x * (1 - p);
            needHigh = x * (1 + p);
        }

        return low <= needLow + tolerance && high >= needHigh - tolerance
            ? null
            : $"value {x}: attacker range [{low}, {high}] does not cover [{needLow}, {needHigh}]";
    }

    /// <summary>Every hidden cell of the attacker's model meets the interval; returns the failures.</summary>
    public static List<string> Failures(AttackerLp lp, MeasureKind kind, DisclosureRules rules, Func<int, string> name)
    {
        var failures = new List<string>();
        foreach (var cell in lp.HiddenCells)
        {
            var (low, high) = lp.Range(cell);
            if (Violation(kind, rules, lp.ValueOf(cell), low, high) is { } message)
            {
                failures.Add($"{name(cell)}: {message}");
            }
        }

        return failures;
    }

    public static void PublishedCellsPassPrimaryRule(
        DisclosureControl control, MeasureKind kind, IEnumerable<(CellData Data, CellStatus Status)> cells)
    {
        foreach (var (data, status) in cells)
        {
            if (status == CellStatus.Published)
            {
                control.IsSensitive(kind, data).ShouldBeFalse($"published cell {data} breaks the primary rule");
            }
            else
            {
                data.Contributors.ShouldBeGreaterThan(0, "an empty cell is a known zero and is never hidden");
            }
        }
    }
}
