using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Caravan.Bench;

/// <summary>What happened in one 10-second window of a load run. Latencies are of the successful requests, sorted.</summary>
internal sealed record LoadWindow(double Start, double End, double TargetRate, int Sent, int Completed, int Errors, double[] Latencies, double RssMegabytes, int InFlight)
{
    public double Rate => Completed / (End - Start);

    public double P(int percentile) => Percentiles.Of(Latencies, percentile);
}

internal static class Percentiles
{
    /// <summary>Nearest rank, as the other scenarios of the bench compute it; NaN when there is nothing to rank.</summary>
    public static double Of(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double[] Merge(IEnumerable<LoadWindow> windows) => [.. windows.SelectMany(w => w.Latencies).Order()];
}

/// <summary>
/// Sends the mix's requests to the node and records each answer. Success is a 2xx or 3xx status (redirects are not
/// followed, so no request leaves loopback); any other status, a timeout or a failed connection is an error, and the
/// first few errors are printed with their path.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private const int ErrorsShown = 10;
    private readonly HttpClient http;
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly long[][] kindCounts;
    private readonly List<double>[] kindLatencies;
    private List<double> latencies = [];
    private int sent;
    private int completed;
    private int errors;
    private int errorsShown;
    private int inFlight;

    public LoadClient(Uri baseAddress, int kinds, TimeSpan timeout, int maxConnections)
    {
        Loopback.Require(baseAddress);
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            AllowAutoRedirect = false,
            // Each request is a different person: no culture or session cookie carries over from one to the next.
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };
        kindCounts = [.. Enumerable.Range(0, kinds).Select(_ => new long[2])];
        kindLatencies = [.. Enumerable.Range(0, kinds).Select(_ => new List<double>())];
    }

    /// <summary>Seconds since the client was made: the time base of every window.</summary>
    public double Now => clock.Elapsed.TotalSeconds;

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>
    /// Sends one request and records it. The latency is counted from <paramref name="scheduled"/>, when the request was
    /// due, not from when it was sent, so that a driver falling behind shows in the latencies rather than hiding them.
    /// </summary>
    public async Task SendAsync(int kind, string path, double scheduled)
    {
        Interlocked.Increment(ref inFlight);
        string? failure = null;
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 400)
            {
                failure = status.ToString(CultureInfo.InvariantCulture);
            }
        }
        catch (TaskCanceledException)
        {
            failure = $"timeout after {http.Timeout.TotalSeconds:N0} s";
        }
        catch (HttpRequestException e)
        {
            failure = e.Message;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        Record(kind, path, (Now - scheduled) * 1000, failure);
    }

    /// <summary>A request that was due but not sent, because too many were still unanswered: an error, like a timeout.</summary>
    public void Drop(int kind, string path) => Record(kind, path, double.NaN, "not sent: too many requests in flight");

    /// <summary>Ends the current window and starts the next.</summary>
    public LoadWindow Cut(double start, double end, double targetRate, double rssMegabytes)
    {
        lock (gate)
        {
            var window = new LoadWindow(start, end, targetRate, sent, completed, errors, [.. latencies.Order()], rssMegabytes, InFlight);
            latencies = new List<double>(latencies.Count);
            sent = completed = errors = 0;
            return window;
        }
    }

    /// <summary>Requests, errors and latency percentiles by kind, over the client's whole life.</summary>
    public IReadOnlyList<(long Requests, long Errors, double P50, double P95)> ByKind()
    {
        lock (gate)
        {
            return [.. kindCounts.Select((c, k) =>
            {
                var sorted = kindLatencies[k].Order().ToArray();
                return (c[0], c[1], Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 95));
            })];
        }
    }

    public void Dispose() => http.Dispose();

    private void Record(int kind, string path, double milliseconds, string? failure)
    {
        lock (gate)
        {
            sent++;
            kindCounts[kind][0]++;
            if (failure is null)
            {
                completed++;
                latencies.Add(milliseconds);
                kindLatencies[kind].Add(milliseconds);
                return;
            }

            errors++;
            kindCounts[kind][1]++;
            if (errorsShown++ < ErrorsShown)
            {
                Console.Error.WriteLine($"error: {failure} GET {path}");
            }
        }
    }
}

/// <summary>The load runs drive only this machine's own node.</summary>
internal static class Loopback
{
    public static void Require(Uri address)
    {
        var host = address.DnsSafeHost;
        var ok = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Loopback) || ip.Equals(IPAddress.IPv6Loopback)));
        if (!ok)
        {
            throw new ArgumentException($"Load runs target only loopback (127.0.0.1, ::1, localhost), not {address}.", nameof(address));
        }
    }
}
