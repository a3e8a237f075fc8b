using Caravan.Core.Contracts;
using Caravan.Core.Migrants;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Applications;

public enum MatchReasonKind
{
    /// <summary>The vacancy's occupation is one the person named.</summary>
    Occupation,

    /// <summary>The vacancy's occupation is in the same ISCO group as one the person named or worked in.</summary>
    RelatedOccupation,

    /// <summary>The person worked in this occupation before.</summary>
    PastWork,
    Destination,
    Language,
    Skill,
    Wage,
    NoFees,
}

/// <summary>One reason a vacancy was recommended: its kind and the code or word it rests on (an ISCO code, a country, a language, a skill).</summary>
public sealed record MatchReason(MatchReasonKind Kind, string? Value = null, string? Detail = null);

public sealed record VacancyMatch(VacancyListItem Vacancy, string? TitleLanguage, int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Vacancies for one registered migrant, ranked by how well they fit the profile, each with its reasons. Only what the
/// public may see is considered (published, licence valid), only open deadlines, and none that charges the worker
/// where the node forbids fees. Candidates come from capped queries, one per occupation (the person's own, then the
/// others of the same ISCO sub-major group) and one per preferred destination, each answered by an index in wage order
/// (VacancyMapping), so the cost does not grow with the number of vacancies (docs/performance.md, issue 15).
/// </summary>
public sealed class VacancyMatcher(VacancyQueries vacancies, IMemoryCache cache, IOptions<FeePolicyOptions> fees)
{
    /// <summary>How many candidates each query brings, best paid first; ranking happens over their union.</summary>
    public const int PerQuery = 100;

    /// <summary>Fewer from each related occupation: there may be a dozen of them, and they rank below the person's own.</summary>
    public const int PerRelated = 20;

    public const int DefaultCount = 20;

    /// <summary>The languages spoken at work in each destination the node serves, for the language reason.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DestinationLanguages = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["RU"] = ["ru"],
        ["KZ"] = ["kk", "ru"],
        ["KG"] = ["ky", "ru"],
        ["KR"] = ["ko"],
        ["TR"] = ["tr"],
        ["AE"] = ["ar", "en"],
        ["DE"] = ["de"],
        ["GB"] = ["en"],
        ["PL"] = ["pl"],
        ["JP"] = ["ja"],
        ["IL"] = ["he"],
        ["SA"] = ["ar"],
        ["QA"] = ["ar", "en"],
        ["CN"] = ["zh"],
    };

    private sealed record Candidate(Guid Id, string IscoCode, string DestinationCountry, long? WageUsdCents, bool FeeFree, string Title, string? RequiredSkills, DateTime? PublishedAt);

    public async Task<IReadOnlyList<VacancyMatch>> TopAsync(Person person, string language, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var units = person.Occupations.Where(o => o.Length == 4).ToHashSet(StringComparer.Ordinal);
        var past = person.WorkHistory.Select(w => w.Occupation).OfType<string>().Where(o => o.Length == 4).ToHashSet(StringComparer.Ordinal);
        var groups = units.Concat(past).Select(o => o[..2]).ToHashSet(StringComparer.Ordinal);
        var related = (await OccupationsInUseAsync(cancellationToken)).Where(c => c.Length == 4 && groups.Contains(c[..2])).ToList();
        var preferred = person.PreferredDestinations.ToList();

        // One capped part per occupation and per destination, each an ordered index scan that stops at its cap, sent as
        // one UNION ALL: an IN list would make the database gather every match (a third of a million rows at scale) just
        // to sort them by wage, and a round trip per part costs more than the part.
        var open = Open();
        var parts = units.Concat(past).Distinct(StringComparer.Ordinal).Select(code => Capped(open.Where(v => v.IscoCode == code), PerQuery))
            .Concat(related.Where(c => !units.Contains(c) && !past.Contains(c)).Select(code => Capped(open.Where(v => v.IscoCode == code), PerRelated)))
            .Concat(preferred.Select(country => Capped(open.Where(v => v.DestinationCountry == country), PerQuery)))
            .ToList();
        var candidates = new Dictionary<Guid, Candidate>();
        if (parts.Count > 0)
        {
            var rows = await parts.Aggregate((all, part) => all.Concat(part))
                .Select(v => new Candidate(v.Id, v.IscoCode, v.DestinationCountry, v.WageUsdCents, v.FeeFree, v.Title, v.RequiredSkills, v.PublishedAt))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                candidates.TryAdd(row.Id, row);
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var highest = candidates.Values.Max(c => c.WageUsdCents ?? 0);
        var ranked = candidates.Values
            .Select(c => (Candidate: c, Reasons: Reasons(c, person, units, past, highest)))
            .Select(r => (r.Candidate, r.Reasons, Score: r.Reasons.Sum(Weight)))
            .Where(r => r.Reasons.Any(x => x.Kind is MatchReasonKind.Occupation or MatchReasonKind.RelatedOccupation or MatchReasonKind.PastWork or MatchReasonKind.Destination))
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Candidate.WageUsdCents).ThenByDescending(r => r.Candidate.PublishedAt).ThenBy(r => r.Candidate.Id)
            .Take(count).ToList();
        var ids = ranked.Select(r => r.Candidate.Id).ToList();
        var items = await vacancies.Public().Where(v => ids.Contains(v.Id))
            .Select(v => new
            {
                v.Id,
                Item = new VacancyListItem(
                    v.Reference, v.Translations.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? v.Title, v.IscoCode,
                    v.DestinationCountry, v.City, v.Positions, v.WageAmount, v.WageCurrency, v.HoursPerWeek, v.ContractMonths, v.HousingProvided,
                    v.MealsProvided, v.TransportProvided, v.ApplicationDeadline, v.PublishedAt, v.Agency!.Name, v.Agency.LicenceNumber, v.Employer!.Name, v.Employer.CountryCode),
                Language = v.Translations.Where(t => t.Language == language).Select(t => t.Language).FirstOrDefault() ?? v.TextLanguage,
            })
            .ToDictionaryAsync(x => x.Id, cancellationToken);
        return [.. ranked.Where(r => items.ContainsKey(r.Candidate.Id))
            .Select(r => new VacancyMatch(items[r.Candidate.Id].Item, items[r.Candidate.Id].Language, r.Score, r.Reasons))];
    }

    /// <summary>
    /// The occupations that published vacancies are in, kept for <see cref="InUseFor"/>: related occupations are looked up
    /// only among these, so a sub-major group's dozen unit groups cost a part each only when they have vacancies. A
    /// vacancy in a new occupation joins the related ones within that time; the person's own occupations are always read.
    /// </summary>
    private Task<HashSet<string>> OccupationsInUseAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("matching:occupations-in-use", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = InUseFor;
            var codes = await vacancies.Public().Select(v => v.IscoCode).Distinct().ToListAsync(cancellationToken);
            return codes.ToHashSet(StringComparer.Ordinal);
        })!;

    public static readonly TimeSpan InUseFor = TimeSpan.FromMinutes(5);

    private IQueryable<Vacancy> Open()
    {
        var today = vacancies.Today;
        var query = vacancies.Public().Where(v => v.ApplicationDeadline >= today);
        return fees.Value.Kind == FeePolicyKind.ZeroFee ? query.Where(v => v.FeeFree) : query;
    }

    private static IQueryable<Vacancy> Capped(IQueryable<Vacancy> query, int cap) =>
        query.OrderByDescending(v => v.WageUsdCents).ThenByDescending(v => v.PublishedAt).Take(cap);

    private static List<MatchReason> Reasons(Candidate c, Person person, HashSet<string> units, HashSet<string> past, long highest)
    {
        var reasons = new List<MatchReason>();
        if (units.Contains(c.IscoCode))
        {
            reasons.Add(new(MatchReasonKind.Occupation, c.IscoCode));
        }
        else if (past.Contains(c.IscoCode))
        {
            reasons.Add(new(MatchReasonKind.PastWork, c.IscoCode));
        }
        else if ((units.Concat(past).FirstOrDefault(o => o[..3] == c.IscoCode[..3]) ?? units.Concat(past).FirstOrDefault(o => o[..2] == c.IscoCode[..2])) is { } near)
        {
            reasons.Add(new(MatchReasonKind.RelatedOccupation, near, near[..3] == c.IscoCode[..3] ? "minor" : "sub-major"));
        }

        if (person.PreferredDestinations.Contains(c.DestinationCountry))
        {
            reasons.Add(new(MatchReasonKind.Destination, c.DestinationCountry));
        }

        if (DestinationLanguages.TryGetValue(c.DestinationCountry, out var spoken)
            && person.Languages.FirstOrDefault(l => spoken.Contains(l.Code) && l.Level is not "A1") is { } known)
        {
            reasons.Add(new(MatchReasonKind.Language, known.Code, known.Level));
        }

        var text = $"{c.Title} {c.RequiredSkills}".ToUpperInvariant();
        foreach (var skill in person.Skills.Select(s => s.Trim()).Where(s => s.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).Take(10))
        {
            if (text.Contains(skill.ToUpperInvariant(), StringComparison.Ordinal))
            {
                reasons.Add(new(MatchReasonKind.Skill, skill));
            }
        }

        // The best-paid quarter of the candidates: a wage the person would notice, compared in USD at the node's rates.
        if (highest > 0 && c.WageUsdCents is { } cents && cents * 4 >= highest * 3)
        {
            reasons.Add(new(MatchReasonKind.Wage));
        }

        if (c.FeeFree)
        {
            reasons.Add(new(MatchReasonKind.NoFees));
        }

        return reasons;
    }

    private static int Weight(MatchReason reason) => reason.Kind switch
    {
        MatchReasonKind.Occupation => 50,
        MatchReasonKind.PastWork => 40,
        MatchReasonKind.RelatedOccupation => reason.Detail == "minor" ? 30 : 15,
        MatchReasonKind.Destination => 20,
        MatchReasonKind.Language => 10,
        MatchReasonKind.Skill => 5,
        MatchReasonKind.Wage => 8,
        MatchReasonKind.NoFees => 3,
        _ => 0,
    };
}
