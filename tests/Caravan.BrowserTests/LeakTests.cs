using System.Diagnostics;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("Caravan.BrowserTests.LeakCheckLast", "Caravan.BrowserTests")]

namespace Caravan.BrowserTests;

/// <summary>
/// docs/security.md, "Personal data in logs, URLs and traces": after every browser journey has run, with logging at
/// Debug and tracing on, no name, phone number, passport number, birth date or e-mail that the journeys put into the
/// node appears in a log line, a span or a requested URL.
/// </summary>
[Collection(nameof(LeakCheck))]
public sealed class LeakTests
{
    [Fact]
    public void No_personal_value_the_journeys_entered_is_in_a_log_line_a_span_or_a_url()
    {
        LeakWatch.Collected.ShouldBeTrue("the browser journeys did not run before this check (run the whole browser suite)");
        var values = LeakWatch.PersonalValues.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // The journeys register migrants, import a registry and sign staff in: far more than a handful of values.
        values.Count.ShouldBeGreaterThan(50);
        LeakWatch.Logs.Lines.Count.ShouldBeGreaterThan(10_000);
        LeakWatch.Spans.Count.ShouldBeGreaterThan(1_000);
        LeakWatch.Urls.Count.ShouldBeGreaterThan(500);

        var haystacks = new (string Where, IEnumerable<string> Texts)[]
        {
            ("log", LeakWatch.Logs.Lines),
            ("span", LeakWatch.Spans.SelectMany(Texts)),
            ("url", LeakWatch.Urls.SelectMany(u => new[] { u, Uri.UnescapeDataString(u.Replace('+', ' ')) })),
        };
        var found = new List<string>();
        foreach (var (where, texts) in haystacks)
        {
            foreach (var text in texts)
            {
                foreach (var value in values.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{where}: \"{value}\" in {(text.Length > 300 ? text[..300] + "…" : text)}");
                }
            }
        }

        // One example per value, so that every leaked value is named even when one of them fills the log.
        var examples = found.GroupBy(f => f[..f.IndexOf(" in ", StringComparison.Ordinal)]).Select(g => $"{g.Count()} × {g.First()}");
        found.ShouldBeEmpty(string.Join(Environment.NewLine, examples));
    }

    private static IEnumerable<string> Texts(Activity span)
    {
        yield return span.DisplayName;
        yield return span.StatusDescription ?? string.Empty;
        foreach (var (key, value) in span.TagObjects)
        {
            yield return $"{key}={value}";
        }

        foreach (var e in span.Events)
        {
            yield return e.Name;
            foreach (var (key, value) in e.Tags)
            {
                yield return $"{key}={value}";
            }
        }
    }
}

[CollectionDefinition(nameof(LeakCheck))]
public sealed class LeakCheck;

/// <summary>The leak check reads what the journeys left, so its collection runs after theirs.</summary>
public sealed class LeakCheckLast : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == nameof(LeakCheck) ? 1 : 0);
}
