namespace Caravan.Core.Statistics.Disclosure;

/// <summary>How far below and above its true value a hidden cell must be able to lie, given what is published.</summary>
internal readonly record struct ProtectionInterval(double Down, double Up)
{
    public static ProtectionInterval For(MeasureKind kind, DisclosureRules rules, decimal value)
    {
        var x = (double)value;
        if (kind == MeasureKind.Count)
        {
            // Counts cannot go below zero, so a count under the threshold is safe once zero is possible.
            return new ProtectionInterval(Math.Min(x, rules.Threshold), rules.Threshold);
        }

        var margin = x * (double)rules.DominancePercent / 100;
        return new ProtectionInterval(margin, margin);
    }

    /// <summary>Slack for floating-point LP results, relative to the size of the value.</summary>
    public static double Tolerance(double value) => 1e-6 * Math.Max(1, Math.Abs(value));
}
