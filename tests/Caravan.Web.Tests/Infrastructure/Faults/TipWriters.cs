using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Cases;

namespace Caravan.Web.Tests.Infrastructure.Faults;

/// <summary>
/// People filing anonymous tips through the public form, several at once, each submission with its own form key. A
/// tip counts as acknowledged only when its page with the tracking code came back: those must survive any crash.
/// </summary>
public sealed partial class TipWriters(Uri node, int writers)
{
    private readonly ConcurrentDictionary<string, bool> attempted = new();
    private readonly ConcurrentDictionary<string, bool> acknowledged = new();
    private int failures;

    public IReadOnlyCollection<string> Attempted => attempted.Keys.ToList();

    public IReadOnlyCollection<string> Acknowledged => acknowledged.Keys.ToList();

    public int Failures => failures;

    [GeneratedRegex("id=\"tracking-code\"[^>]*>([A-Z0-9-]{14})<")]
    private static partial Regex TrackingCode();

    /// <summary>Files tips until stopped; a writer whose node is gone keeps trying, as a person would press the button again.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, stop), CancellationToken.None)));

    private async Task WriteAsync(int writer, CancellationToken stop)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = Guid.NewGuid().ToString();
            try
            {
                attempted[key] = true;
                var response = await client.PostMultipartAsync("/report",
                [
                    new("Form.SubmissionKey", key),
                    new("Form.Category", (i % 2 == 0 ? CaseCategory.UnpaidWages : CaseCategory.DocumentRetention).ToString()),
                    new("Form.Country", "KZ"),
                    new("Form.City", writer % 2 == 0 ? "Almaty" : "Shymkent"),
                    new("Form.Narrative", $"Writer {writer}, tip {i}: the employer has not paid for two months."),
                ]);
                if (response.StatusCode == HttpStatusCode.OK && TrackingCode().IsMatch(await response.Content.ReadAsStringAsync(CancellationToken.None)))
                {
                    acknowledged[key] = true;
                    continue;
                }

                Interlocked.Increment(ref failures);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Shouldly.ShouldAssertException)
            {
                // The node or its database is down: the form page did not load, or the post got no answer.
                Interlocked.Increment(ref failures);
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
