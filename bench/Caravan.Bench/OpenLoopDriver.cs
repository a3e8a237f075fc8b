namespace Caravan.Bench;

/// <summary>
/// Open-loop load: requests are issued at a set arrival rate whatever the answers, as independent people arrive at a
/// site, so a slow server meets a growing queue rather than a politely waiting client. Requests due while
/// <see cref="MaxInFlight"/> are still unanswered are not sent and count as errors; each request times out after the
/// client's timeout. The run ends by itself after the given duration, then waits for the last answers.
/// </summary>
internal sealed class OpenLoopDriver(LoadClient client, TrafficMix mix, Func<double> rssMegabytes)
{
    public const double WindowSeconds = 10;

    public int MaxInFlight { get; init; } = 1000;

    /// <summary>Drives the node at <paramref name="rateAt"/> requests a second (a function of seconds since the start).</summary>
    public async Task<IReadOnlyList<LoadWindow>> RunAsync(string label, Func<double, double> rateAt, TimeSpan duration, int seed, TimeSpan drain)
    {
        var random = new Random(seed);
        var windows = new List<LoadWindow>();
        var pending = new List<Task>();
        var origin = client.Now;
        var total = duration.TotalSeconds;
        var next = 0d;
        var windowStart = 0d;
        client.Cut(0, 0, 0, 0);
        while (true)
        {
            var now = client.Now - origin;
            // Everything due by now goes out, so the mean rate holds even when the timer wakes late.
            while (next <= now && next < total)
            {
                var (kind, path) = mix.Next(random);
                if (client.InFlight >= MaxInFlight)
                {
                    client.Drop(kind, path);
                }
                else
                {
                    pending.Add(client.SendAsync(kind, path, origin + next));
                }

                next += 1 / rateAt(next);
            }

            if (pending.Count > 4096)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }

            if (now >= windowStart + WindowSeconds && windowStart + WindowSeconds < total)
            {
                windows.Add(Report(label, client.Cut(windowStart, windowStart + WindowSeconds, rateAt(windowStart + WindowSeconds / 2), rssMegabytes())));
                windowStart += WindowSeconds;
            }

            if (now >= total)
            {
                break;
            }

            var wait = Math.Min(Math.Min(next, total), windowStart + WindowSeconds) - now;
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.001, wait)));
        }

        // The last window also takes the answers to requests sent in it, up to the timeout.
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(drain));
        windows.Add(Report(label, client.Cut(windowStart, total, rateAt(windowStart + WindowSeconds / 2), rssMegabytes())));
        return windows;
    }

    private static LoadWindow Report(string label, LoadWindow w)
    {
        Console.WriteLine($"{label} {w.End,5:N0} s  target {w.TargetRate,6:N1}/s  answered {w.Rate,6:N1}/s  errors {w.Errors,4}  "
            + $"p50 {w.P(50),7:N1} ms  p95 {w.P(95),7:N1} ms  p99 {w.P(99),7:N1} ms  RSS {w.RssMegabytes,5:N0} MB  in flight {w.InFlight}");
        return w;
    }
}

/// <summary>
/// Capacity, closed-loop like <see cref="LoadTest"/>: N clients each send the next request of the mix as soon as the last
/// is answered; the answered rate is what the node can serve at that concurrency.
/// </summary>
internal static class CapacityProbe
{
    public static async Task<LoadWindow> RunAsync(LoadClient client, TrafficMix mix, int clients, TimeSpan duration, Func<double> rssMegabytes, int seed)
    {
        var start = client.Now;
        client.Cut(0, 0, 0, 0);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(seed * 1000 + c);
            while (client.Now - start < duration.TotalSeconds)
            {
                var (kind, path) = mix.Next(random);
                await client.SendAsync(kind, path, client.Now);
            }
        }));
        return client.Cut(0, client.Now - start, 0, rssMegabytes());
    }
}
