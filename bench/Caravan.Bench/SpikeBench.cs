namespace Caravan.Bench;

internal sealed record SpikeResult(double BaseRate, double SpikeRate, double SpikeStart, double SpikeEnd, IReadOnlyList<LoadWindow> Windows,
    double PreSpikeP95, double? RecoverySeconds, long SpikeSent, long SpikeErrors, long Sent, long Errors)
{
    public const double MaxSpikeErrorRate = 0.01;
    public const double RecoveryFactor = 1.2;
    public const double MaxRecoverySeconds = 60;

    public double SpikeErrorRate => SpikeSent == 0 ? 1 : (double)SpikeErrors / SpikeSent;

    public bool ErrorsPass => SpikeErrorRate < MaxSpikeErrorRate;

    public bool RecoveryPasses => RecoverySeconds is <= MaxRecoverySeconds;

    /// <summary>The p95 of the spike's own windows together.</summary>
    public double SpikeP95 => Percentiles.Of(Percentiles.Merge(Windows.Where(w => w.Start >= SpikeStart && w.Start < SpikeEnd)), 95);
}

/// <summary>
/// Spike (issue 18 item 5): a base rate, five times that rate for a while, then the base rate again. The base is a share
/// of the measured capacity small enough that five times it is still under capacity (see docs/performance.md): at 5× a
/// base of half the capacity the node would be asked for 250% of what it can do, and no queue drains from that.
/// </summary>
internal static class SpikeBench
{
    public static async Task<SpikeResult> RunAsync(AppServer server, TrafficMix mix, LoadSettings settings, double capacity)
    {
        var baseRate = settings.SpikeBaseShare * capacity;
        var spikeRate = 5 * baseRate;
        var spikeStart = settings.SpikeBeforeMinutes * 60;
        var spikeEnd = spikeStart + settings.SpikeMinutes * 60;
        var total = spikeEnd + settings.SpikeAfterMinutes * 60;
        Console.WriteLine($"\nSpike: {baseRate:N1} requests/s for {settings.SpikeBeforeMinutes:0.#} min, {spikeRate:N1}/s for {settings.SpikeMinutes:0.#} min, "
            + $"{baseRate:N1}/s for {settings.SpikeAfterMinutes:0.#} min ({settings.SpikeBaseShare:P0} and {5 * settings.SpikeBaseShare:P0} of {capacity:N1})");
        using var client = settings.NewClient(server, mix);
        var driver = new OpenLoopDriver(client, mix, server.CurrentRssMegabytes) { MaxInFlight = settings.MaxInFlight };
        var windows = await driver.RunAsync("spike", t => t >= spikeStart && t < spikeEnd ? spikeRate : baseRate, TimeSpan.FromSeconds(total), seed: 13, settings.Timeout);

        // The reference is the minute just before the spike, when the node has long settled at the base rate.
        var pre = Percentiles.Of(Percentiles.Merge(windows.Where(w => w.Start >= spikeStart - 60 && w.End <= spikeStart)), 95);
        var during = windows.Where(w => w.Start >= spikeStart && w.Start < spikeEnd).ToList();
        return new SpikeResult(baseRate, spikeRate, spikeStart, spikeEnd, windows, pre, Recovery(windows, spikeEnd, pre),
            during.Sum(w => (long)w.Sent), during.Sum(w => (long)w.Errors), windows.Sum(w => (long)w.Sent), windows.Sum(w => (long)w.Errors));
    }

    /// <summary>
    /// Seconds from the spike's end to the start of the first 10-second window after it from which every window to the end
    /// of the run has its p95 within <see cref="SpikeResult.RecoveryFactor"/> × the pre-spike p95; null if the last does not.
    /// A window without a single answer has no p95 and counts as not recovered.
    /// </summary>
    public static double? Recovery(IReadOnlyList<LoadWindow> windows, double spikeEnd, double preP95)
    {
        var after = windows.Where(w => w.Start >= spikeEnd).ToList();
        var limit = SpikeResult.RecoveryFactor * preP95;
        var first = after.Count;
        while (first > 0 && after[first - 1].P(95) <= limit)
        {
            first--;
        }

        return first == after.Count ? null : after[first].Start - spikeEnd;
    }
}
