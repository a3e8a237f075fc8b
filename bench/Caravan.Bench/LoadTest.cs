using System.Diagnostics;
using System.Globalization;

namespace Caravan.Bench;

internal sealed record LoadResult(int Requests, int Errors, double Seconds, double[] Client, double[] Server)
{
    public double Throughput => Requests / Seconds;

    public string Row(string label, LoadResult baseline) =>
        string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N0} | {3:0.00} | {4:0.0} | {5:0.0} | {6:0.0} | {7:0.0} | {8:0.0} | {9} |",
            label, Requests, Throughput, Throughput / baseline.Throughput,
            P(Server, 50), P(Server, 95), P(Server, 99), P(Client, 50), P(Client, 95), Errors);

    private static double P(double[] sorted, int percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100d * sorted.Length) - 1)];
}

/// <summary>N concurrent clients, each sending its next request as soon as the last one answered, for a fixed time.</summary>
internal static class LoadTest
{
    public const string Header =
        "\n| Scenario | Requests | Req/s | Ratio to baseline | Server p50 ms | Server p95 ms | Server p99 ms | Client p50 ms | Client p95 ms | Errors |\n|---|---|---|---|---|---|---|---|---|---|";

    public static async Task<LoadResult> RunAsync(HttpClient http, BenchOptions options, Func<Random, string> url)
    {
        // Warm-up: JIT, connection pools and the database's caches, not counted.
        await DriveAsync(http, options.Clients, TimeSpan.FromSeconds(3), url, 1);
        return await DriveAsync(http, options.Clients, TimeSpan.FromSeconds(options.Seconds), url, 2);
    }

    private static async Task<LoadResult> DriveAsync(HttpClient http, int clients, TimeSpan duration, Func<Random, string> url, int seed)
    {
        var client = new List<double>[clients];
        var server = new List<double>[clients];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(seed * 1000 + c);
            client[c] = [];
            server[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var path = url(random);
                using var response = await http.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    // Say what failed, so an error in the table can be traced to its request.
                    if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"{(int)response.StatusCode} {path}: {await response.Content.ReadAsStringAsync()}");
                    }

                    continue;
                }

                client[c].Add(elapsed);
                if (response.Headers.TryGetValues("Server-Timing", out var values)
                    && double.TryParse(values.First().Split("dur=")[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                {
                    server[c].Add(ms);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var allClient = client.SelectMany(x => x).Order().ToArray();
        var allServer = server.SelectMany(x => x).Order().ToArray();
        return new LoadResult(allClient.Length, errors, seconds, allClient, allServer);
    }
}
