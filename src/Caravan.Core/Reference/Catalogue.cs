using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Caravan.Core.Reference;

/// <summary>Reference look-ups for display: country names in the UI language and ISCO-08 titles. Cached: they change only with a release.</summary>
public sealed class Catalogue(CaravanDbContext db, IMemoryCache cache)
{
    public async Task<IReadOnlyDictionary<string, string>> CountryNamesAsync(string language, CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("countries:" + language, async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var english = await db.Set<Country>().AsNoTracking().ToDictionaryAsync(c => c.Alpha2, c => c.NameEn, cancellationToken);
            var local = await db.Set<CountryName>().AsNoTracking().Where(n => n.Language == language)
                .ToDictionaryAsync(n => n.CountryCode, n => n.Name, cancellationToken);
            foreach (var (code, name) in local)
            {
                english[code] = name;
            }

            return (IReadOnlyDictionary<string, string>)english;
        });
        return result!;
    }

    /// <summary>Every ISO 3166-1 country with its codes and English name.</summary>
    public async Task<IReadOnlyList<Country>> CountriesAsync(CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("countries:all", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return (IReadOnlyList<Country>)await db.Set<Country>().AsNoTracking().OrderBy(c => c.Alpha2).ToListAsync(cancellationToken);
        });
        return result!;
    }

    /// <summary>ISO 3166-1 numeric code of each alpha-2 code ("RU" → "643"): what Natural Earth's boundaries are keyed by.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CountryNumericCodesAsync(CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("countries:numeric", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return (IReadOnlyDictionary<string, string>)await db.Set<Country>().AsNoTracking()
                .ToDictionaryAsync(c => c.Alpha2, c => c.Numeric, cancellationToken);
        });
        return result!;
    }

    /// <summary>The 436 ISCO-08 unit groups (four digits): the only level a vacancy may be classified at.</summary>
    public async Task<ISet<string>> IscoUnitCodesAsync(CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("isco-units", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var codes = await db.Set<IscoGroup>().AsNoTracking().Where(g => g.Level == 4).Select(g => g.Code).ToListAsync(cancellationToken);
            return (ISet<string>)codes.ToHashSet(StringComparer.Ordinal);
        });
        return result!;
    }

    /// <summary>Active ISO 4217 codes.</summary>
    public async Task<ISet<string>> CurrencyCodesAsync(CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("currencies", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var codes = await db.Set<Currency>().AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken);
            return (ISet<string>)codes.ToHashSet(StringComparer.Ordinal);
        });
        return result!;
    }

    /// <summary>ISO 3166-2 subdivisions of a country, code to name as ISO publishes it.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SubdivisionsAsync(string country, CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("subdivisions:" + country, async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var list = await db.Set<Subdivision>().AsNoTracking().Where(s => s.CountryCode == country)
                .OrderBy(s => s.Name).ToListAsync(cancellationToken);
            return (IReadOnlyDictionary<string, string>)list.ToDictionary(s => s.Code, s => s.Name, StringComparer.Ordinal);
        });
        return result!;
    }

    public async Task<string> CountryNameAsync(string code, string language, CancellationToken cancellationToken = default)
    {
        var names = await CountryNamesAsync(language, cancellationToken);
        return names.TryGetValue(code, out var name) ? name : code;
    }

    /// <summary>
    /// ISCO-08 titles in a UI language. A group with no translation yet takes its nearest translated parent's
    /// title (a Kazakh reader sees "building workers" rather than an English unit-group title); English is the last resort.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> IscoTitlesAsync(string language, CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("isco:" + language, async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var english = await IscoTitlesAsync(cancellationToken);
            if (language == "en")
            {
                return english;
            }

            var parents = await db.Set<IscoGroup>().AsNoTracking().ToDictionaryAsync(g => g.Code, g => g.ParentCode, cancellationToken);
            var local = await db.Set<IscoTitle>().AsNoTracking().Where(t => t.Language == language)
                .ToDictionaryAsync(t => t.Code, t => t.Title, cancellationToken);
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var code in english.Keys)
            {
                string? current = code;
                while (current is not null && !local.ContainsKey(current))
                {
                    current = parents.GetValueOrDefault(current);
                }

                titles[code] = current is not null ? local[current] : english[code];
            }

            return (IReadOnlyDictionary<string, string>)titles;
        });
        return result!;
    }

    /// <summary>
    /// Unit-group codes whose title, in any UI language, contains the text. With the parent fallback, a search for
    /// a sub-major group's words ("строител") finds every unit group under it.
    /// </summary>
    public async Task<List<string>> IscoUnitsMatchingAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var needle = text.Trim().ToUpperInvariant();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        // Every search pays for this scan: upper-cased once and compared ordinally, it costs a fraction of a
        // case-insensitive scan over the seven dictionaries (docs/performance.md, issue 15).
        foreach (var (code, title) in await IscoUnitTitlesUpperAsync(cancellationToken))
        {
            if (title.Contains(needle, StringComparison.Ordinal))
            {
                codes.Add(code);
            }
        }

        return [.. codes];
    }

    /// <summary>
    /// Unit-group codes whose title, in one of the UI languages, has a word starting with each of the words: the rule
    /// of the vacancy search (<see cref="Vacancies.VacancySearchTerms"/>), so "worker" finds every "… workers" group.
    /// </summary>
    public async Task<List<string>> IscoUnitsMatchingWordsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count == 0 ? [] : (await IscoUnitWordIndexAsync(cancellationToken)).Matching(words);
    }

    private async Task<IscoWordIndex> IscoUnitWordIndexAsync(CancellationToken cancellationToken)
    {
        var result = await cache.GetOrCreateAsync("isco:units-word-index", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var titles = new List<(string, IEnumerable<string>)>();
            foreach (var language in ReferenceDataSeeder.NameLanguages)
            {
                foreach (var (code, title) in await IscoTitlesAsync(language, cancellationToken))
                {
                    if (code.Length == 4)
                    {
                        titles.Add((code, Vacancies.VacancySearchTerms.Words(title)));
                    }
                }
            }

            return new IscoWordIndex(titles);
        });
        return result!;
    }

    /// <summary>Each unit group's title in every UI language, upper-cased invariantly, as one flat array.</summary>
    private async Task<(string Code, string Title)[]> IscoUnitTitlesUpperAsync(CancellationToken cancellationToken)
    {
        var result = await cache.GetOrCreateAsync("isco:units-upper", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var all = new List<(string, string)>();
            foreach (var language in ReferenceDataSeeder.NameLanguages)
            {
                foreach (var (code, title) in await IscoTitlesAsync(language, cancellationToken))
                {
                    if (code.Length == 4)
                    {
                        all.Add((code, title.ToUpperInvariant()));
                    }
                }
            }

            return all.Distinct().ToArray();
        });
        return result!;
    }

    public async Task<IReadOnlyDictionary<string, string>> IscoTitlesAsync(CancellationToken cancellationToken = default)
    {
        var result = await cache.GetOrCreateAsync("isco", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return (IReadOnlyDictionary<string, string>)await db.Set<IscoGroup>().AsNoTracking()
                .ToDictionaryAsync(g => g.Code, g => g.TitleEn, cancellationToken);
        });
        return result!;
    }
}
