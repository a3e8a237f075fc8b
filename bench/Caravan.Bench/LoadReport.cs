using System.Globalization;
using System.Text;

namespace Caravan.Bench;

/// <summary>The Markdown report of a load run: set-up, capacity, each criterion with its verdict, tables, charts.</summary>
internal static class LoadReport
{
    public sealed record Run(string Mode, DateTime Started, LoadSettings Settings, TrafficMix Mix, LoadWindow Capacity, SoakResult? Soak, SpikeResult? Spike,
        double PeakRssMegabytes, IReadOnlyList<(string File, string Caption)> Charts);

    public static string Markdown(Run run)
    {
        var s = run.Settings;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        Line($"# Load run ({run.Mode}), {run.Started:yyyy-MM-dd HH:mm} UTC");
        Line($"");
        Line($"Made by `bench/run.sh {run.Mode}` (issue 18 item 5). Machine: {Machine()}.");
        Line($"");
        Line($"The node: Caravan.Web built in Release, its own process on 127.0.0.1, `Staging` environment, nightly jobs off, on a throwaway PostgreSQL (stock durability, `shared_buffers=1GB`) on the same machine, sharing its cores with the load driver. Data: the demo data (`migrate` with `Demo__Enabled=true`: agencies, vacancies, guides, statistics) plus {s.Vacancies:N0} generated published vacancies across {s.Agencies:N0} agencies. The per-address rate limits are raised (all the traffic comes from one address); the mix avoids the pages whose limits are fixed in code (contract checks, credential verification).");
        Line($"");
        Line($"Requests are anonymous GETs, each without cookies, in all seven UI languages. Success is a 2xx or 3xx status (redirects are not followed); anything else, a timeout ({s.Timeout.TotalSeconds:N0} s) or a request not sent because {s.MaxInFlight:N0} were already in flight is an error. Latency is from when a request was due to its last byte, successful requests only, in 10-second windows.");
        Line($"");
        md.AppendLine(run.Mix.Table());
        Line($"");
        var c = run.Capacity;
        Line($"## Capacity");
        Line($"");
        Line($"Closed loop, {s.CapacityClients} clients each sending its next request when the last is answered, {s.CapacitySeconds:N0} s after {s.WarmupSeconds:N0} s of warm-up not counted: **C = {c.Rate:N1} requests/s** (p50 {c.P(50):N1} ms, p95 {c.P(95):N1} ms, p99 {c.P(99):N1} ms, {c.Errors} errors of {c.Sent:N0}).");
        if (run.Soak is { } soak)
        {
            Soak(Line, soak, s, run.Mix);
        }

        if (run.Spike is { } spike)
        {
            Spike(Line, spike, s);
        }

        Line($"");
        Line($"Peak resident memory of the server over the whole run (VmHWM): {run.PeakRssMegabytes:N0} MB.");
        if (run.Charts.Count > 0)
        {
            Line($"");
            Line($"## Charts");
            foreach (var (file, caption) in run.Charts)
            {
                Line($"");
                Line($"![{caption}]({file})");
            }
        }

        return md.ToString();
    }

    private static void Soak(Action<FormattableString> line, SoakResult soak, LoadSettings s, TrafficMix mix)
    {
        var all = Percentiles.Merge(soak.Windows);
        var rss = soak.Windows.Select(w => w.RssMegabytes).ToList();
        line($"");
        line($"## Soak");
        line($"");
        line($"Open loop at a fixed {soak.Rate:N1} requests/s ({s.SoakShare:P0} of C) for {s.SoakMinutes:0.#} minutes: {soak.Sent:N0} requests, p50 {Percentiles.Of(all, 50):N1} ms, p95 {Percentiles.Of(all, 95):N1} ms, p99 {Percentiles.Of(all, 99):N1} ms. Server RSS from {rss[0]:N0} MB (first sample) to {rss[^1]:N0} MB (last), highest {rss.Max():N0} MB. The slope is a least-squares line through the 10-second samples after the first {soak.WarmupMinutes:N1} minutes (5 minutes, or the first sixth of a shorter run).");
        line($"");
        line($"| Criterion | Target | Measured | Result |");
        line($"|---|---|---|---|");
        line($"| RSS slope after warm-up | < {SoakResult.MaxSlope:N0} MB/min | {soak.SlopeMegabytesPerMinute:+0.000;-0.000} MB/min | {Verdict(soak.SlopePasses)} |");
        line($"| Error rate | < {SoakResult.MaxErrorRate:P1} | {soak.ErrorRate:P3} ({soak.Errors:N0} of {soak.Sent:N0}) | {Verdict(soak.ErrorsPass)} |");
        line($"");
        line($"Cross-check, not the issue's criterion: the slope of the lowest sample of each 5 minutes after the warm-up (the floor the GC returns to) is {soak.FloorSlopeMegabytesPerMinute:+0.000;-0.000} MB/min; a leak lifts it, a sawtooth does not.");
        line($"");
        line($"| Request | Requests | Errors | p50 ms | p95 ms |");
        line($"|---|---|---|---|---|");
        foreach (var (kind, k) in soak.ByKind.Select((k, i) => (i, k)))
        {
            line($"| {mix.Kinds[kind].Name} | {k.Requests:N0} | {k.Errors:N0} | {k.P50:N1} | {k.P95:N1} |");
        }

        line($"");
        line($"By minute:");
        line($"");
        line($"| Minute | Answered/s | Errors | p50 ms | p95 ms | p99 ms | RSS MB (end) |");
        line($"|---|---|---|---|---|---|---|");
        foreach (var minute in soak.Windows.GroupBy(w => (int)(w.Start / 60)))
        {
            var sorted = Percentiles.Merge(minute);
            var seconds = minute.Sum(w => w.End - w.Start);
            line($"| {minute.Key + 1} | {minute.Sum(w => w.Completed) / seconds:N1} | {minute.Sum(w => w.Errors)} | {Percentiles.Of(sorted, 50):N1} | {Percentiles.Of(sorted, 95):N1} | {Percentiles.Of(sorted, 99):N1} | {minute.Last().RssMegabytes:N0} |");
        }
    }

    private static void Spike(Action<FormattableString> line, SpikeResult spike, LoadSettings s)
    {
        line($"");
        line($"## Spike");
        line($"");
        line($"Open loop: B = {spike.BaseRate:N1} requests/s ({s.SpikeBaseShare:P0} of C) for {s.SpikeBeforeMinutes:0.#} minutes, then 5 × B = {spike.SpikeRate:N1}/s ({5 * s.SpikeBaseShare:P0} of C) for {s.SpikeMinutes:0.#} minutes, then B for {s.SpikeAfterMinutes:0.#} minutes. Pre-spike p95: the p95 of every request answered in the last minute before the spike = {spike.PreSpikeP95:N1} ms; the spike's own p95 {spike.SpikeP95:N1} ms. Recovery: from the spike's end to the start of the first 10-second window after it from which every window, to the end of the run, has its p95 ≤ {SpikeResult.RecoveryFactor} × the pre-spike p95 ({SpikeResult.RecoveryFactor * spike.PreSpikeP95:N1} ms); resolution 10 s.");
        line($"");
        line($"| Criterion | Target | Measured | Result |");
        line($"|---|---|---|---|");
        line($"| Errors during the spike | < {SpikeResult.MaxSpikeErrorRate:P0} | {spike.SpikeErrorRate:P3} ({spike.SpikeErrors:N0} of {spike.SpikeSent:N0}) | {Verdict(spike.ErrorsPass)} |");
        var recovery = spike.RecoverySeconds is { } r ? $"{r:N0} s" : "not within the run";
        line($"| p95 back to ≤ 1.2 × pre-spike | ≤ {SpikeResult.MaxRecoverySeconds:N0} s after the spike | {recovery} | {Verdict(spike.RecoveryPasses)} |");
        line($"");
        line($"All errors over the whole spike run: {spike.Errors:N0} of {spike.Sent:N0}.");
        line($"");
        line($"| Window (s) | Phase | Asked/s | Answered/s | Errors | p50 ms | p95 ms | RSS MB | In flight at end |");
        line($"|---|---|---|---|---|---|---|---|---|");
        foreach (var w in spike.Windows)
        {
            var phase = w.Start < spike.SpikeStart ? "base" : w.Start < spike.SpikeEnd ? "**spike**" : "after";
            line($"| {w.Start:N0}–{w.End:N0} | {phase} | {w.TargetRate:N1} | {w.Rate:N1} | {w.Errors} | {w.P(50):N1} | {w.P(95):N1} | {w.RssMegabytes:N0} | {w.InFlight} |");
        }
    }

    private static string Verdict(bool passed) => passed ? "pass" : "**FAIL**";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gb = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024d / 1024).ToString("N1", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {gb} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }
}
