using System.Globalization;

namespace Caravan.Bench;

/// <summary>One kind of request in the mix, with its share of the traffic (weights add up to 100).</summary>
internal sealed record TrafficKind(string Name, int Weight, Func<Random, string> Path);

/// <summary>
/// The traffic of the load runs (issue 18 item 5): what migrants on phones and the public ask a node for, all of it
/// anonymous GETs. Pages are asked for in the seven UI languages in turn; each request stands alone (no cookies), as
/// a crowd of different people would. Signed-in pages are left out: outside Development the sign-in cookies are
/// <c>__Host-</c> and Secure, so a client on plain-HTTP loopback never sends them back.
/// </summary>
internal sealed class TrafficMix
{
    /// <summary>The UI languages, as the app names them (Caravan.Web.Infrastructure.Cultures): Uzbek in Latin script is "uz".</summary>
    public static readonly string[] Cultures = ["uz", "uz-Cyrl", "ru", "kk", "ky", "tg", "en"];

    private static readonly string[] AgencyWords = ["recruitment", "bench", "welder", "cook", "driver", "agency"];

    // Questions the public asks of the published statistics: one indicator broken down by one dimension.
    private static readonly (string Indicator, string Breakdown)[] Statistics =
    [
        ("departures", "destination"), ("registrations", "sex"), ("returns", "destination"),
        ("vacancies_published", "destination"), ("citizens_abroad", "destination"), ("placements", "occupation"),
    ];

    private readonly int[] cumulative;

    public TrafficMix(IReadOnlyList<string> vacancyReferences, IReadOnlyList<string> licences, IReadOnlyList<string> guideSlugs)
    {
        if (vacancyReferences.Count == 0 || licences.Count == 0 || guideSlugs.Count == 0)
        {
            throw new InvalidOperationException("The mix needs vacancies, agencies and guides to ask for.");
        }

        var words = DataGenerator.SearchWords;
        var destinations = DataGenerator.Destinations;
        string Word(Random r) => words[r.Next(words.Length)];
        string Destination(Random r) => destinations[r.Next(destinations.Length)];
        string Culture(Random r) => Cultures[r.Next(Cultures.Length)];
        T Pick<T>(IReadOnlyList<T> list, Random r) => list[r.Next(list.Count)];
        Kinds =
        [
            new("Home page", 10, r => $"/?culture={Culture(r)}"),
            // Most people look at the newest vacancies first, then filter; a few turn the page.
            new("Vacancy list", 12, r => $"/vacancies?culture={Culture(r)}" + (r.Next(4) == 0 ? "&page=2" : string.Empty)),
            new("Vacancy search page (text, destination, occupation)", 14, r => r.Next(3) switch
            {
                0 => $"/vacancies?q={Word(r)}&culture={Culture(r)}",
                1 => $"/vacancies?q={Word(r)}&destination={Destination(r)}&culture={Culture(r)}",
                _ => $"/vacancies?destination={Destination(r)}&isco={r.Next(1, 10)}&sort=wage&culture={Culture(r)}",
            }),
            new("Vacancy page", 16, r => $"/vacancies/{Pick(vacancyReferences, r)}?culture={Culture(r)}"),
            new("Vacancy search API", 10, r => $"/api/v1/vacancies?q={Word(r)}&destination={Destination(r)}"),
            new("Agency register page", 6, r => r.Next(2) == 0
                ? $"/agencies?q={AgencyWords[r.Next(AgencyWords.Length)]}&culture={Culture(r)}"
                : $"/agencies?destination={Destination(r)}&culture={Culture(r)}"),
            new("Agency page", 6, r => $"/agencies/{Pick(licences, r)}?culture={Culture(r)}"),
            new("Agency lookup API", 8, r => $"/api/v1/agencies/{Pick(licences, r)}"),
            new("Guide list", 4, r => $"/guides?culture={Culture(r)}"),
            new("Guide", 6, r => $"/guides/{Pick(guideSlugs, r)}?culture={Culture(r)}"),
            new("Statistics page", 4, r =>
            {
                var (indicator, breakdown) = Statistics[r.Next(Statistics.Length)];
                return $"/statistics?indicator={indicator}&breakdown={breakdown}&culture={Culture(r)}";
            }),
            new("Statistics API", 4, r =>
            {
                var (indicator, breakdown) = Statistics[r.Next(Statistics.Length)];
                return $"/api/v1/statistics/{indicator}?breakdown={breakdown}";
            }),
        ];
        var total = 0;
        cumulative = [.. Kinds.Select(k => total += k.Weight)];
        if (total != 100)
        {
            throw new InvalidOperationException($"The weights add up to {total}, not 100.");
        }
    }

    public IReadOnlyList<TrafficKind> Kinds { get; }

    /// <summary>The next request: its kind (index into <see cref="Kinds"/>) and path.</summary>
    public (int Kind, string Path) Next(Random random)
    {
        var roll = random.Next(100);
        var kind = Array.FindIndex(cumulative, c => roll < c);
        return (kind, Kinds[kind].Path(random));
    }

    /// <summary>Each kind's example paths, one per culture where it has one, to check every kind answers before the load starts.</summary>
    public IEnumerable<(string Kind, string Path)> Examples(int perKind)
    {
        var random = new Random(7);
        return Kinds.SelectMany(k => Enumerable.Range(0, perKind).Select(_ => (k.Name, k.Path(random))));
    }

    public string Table() =>
        "| Request | Share | Example |\n|---|---|---|\n" + string.Join('\n', Kinds.Select(k =>
            string.Format(CultureInfo.InvariantCulture, "| {0} | {1} % | `{2}` |", k.Name, k.Weight, k.Path(new Random(1)))));
}
