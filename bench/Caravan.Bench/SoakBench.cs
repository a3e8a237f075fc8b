namespace Caravan.Bench;

internal sealed record SoakResult(double Rate, IReadOnlyList<LoadWindow> Windows, double WarmupMinutes, double SlopeMegabytesPerMinute, long Sent, long Errors,
    IReadOnlyList<(long Requests, long Errors, double P50, double P95)> ByKind, double FloorSlopeMegabytesPerMinute)
{
    public const double MaxSlope = 1;
    public const double MaxErrorRate = 0.001;

    public double ErrorRate => Sent == 0 ? 1 : (double)Errors / Sent;

    public bool SlopePasses => SlopeMegabytesPerMinute < MaxSlope;

    public bool ErrorsPass => ErrorRate < MaxErrorRate;
}

/// <summary>
/// Soak (issue 18 item 5): the mix, open-loop at a share of the measured capacity, for a fixed time. Memory is judged by
/// the slope of the server's resident set after a warm-up (caches, connection pools and JIT filling up in the first minutes are
/// growth that stops, not a leak): a least-squares line through the 10-second samples, in MB a minute.
/// </summary>
internal static class SoakBench
{
    public static async Task<SoakResult> RunAsync(AppServer server, TrafficMix mix, LoadSettings settings, double capacity)
    {
        var rate = settings.SoakShare * capacity;
        var duration = TimeSpan.FromMinutes(settings.SoakMinutes);
        // The first 5 minutes, or the first sixth of a shorter run, so a short trial still has a slope to fit.
        var warmup = Math.Min(5, settings.SoakMinutes / 6);
        Console.WriteLine($"\nSoak: {rate:N1} requests/s ({settings.SoakShare:P0} of {capacity:N1}) for {settings.SoakMinutes:0.#} minutes; RSS slope after {warmup:0.#} minutes");
        using var client = settings.NewClient(server, mix);
        var driver = new OpenLoopDriver(client, mix, server.CurrentRssMegabytes) { MaxInFlight = settings.MaxInFlight };
        var windows = await driver.RunAsync("soak", _ => rate, duration, seed: 11, settings.Timeout);
        var after = windows.Where(w => w.End / 60 > warmup).ToList();
        var slope = Slope([.. after.Select(w => w.End / 60)], [.. after.Select(w => w.RssMegabytes)]);
        // A cross-check that does not depend on where the GC's sawtooth falls: the lowest sample of each 5 minutes
        // after the warm-up, fitted the same way. Memory the GC can give back rises and falls; a leak lifts the floor.
        var floors = after.GroupBy(w => (int)((w.End / 60) - warmup) / 5).Select(g => g.MinBy(w => w.RssMegabytes)!).ToList();
        var floorSlope = Slope([.. floors.Select(w => w.End / 60)], [.. floors.Select(w => w.RssMegabytes)]);
        return new SoakResult(rate, windows, warmup, slope, windows.Sum(w => (long)w.Sent), windows.Sum(w => (long)w.Errors), client.ByKind(), floorSlope);
    }

    /// <summary>Least-squares slope of y over x; NaN with fewer than two points.</summary>
    public static double Slope(double[] x, double[] y)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }

        var mx = x.Average();
        var my = y.Average();
        var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        var sxx = x.Sum(a => (a - mx) * (a - mx));
        return sxy / sxx;
    }
}
