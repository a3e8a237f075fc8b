using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Vacancies;

public sealed class VacancySearchOptions
{
    public const string Section = "VacancySearch";

    /// <summary>How many of the newest (or best-paid) vacancies a broad search reads in order before it asks the index.</summary>
    [Range(20, 1_000_000)]
    public int Window { get; set; } = 1000;

    /// <summary>A node with at most this many public vacancies searches them in memory (<see cref="VacancySearchSnapshot"/>); 0 never does.</summary>
    [Range(0, 100_000)]
    public int MemoryLimit { get; set; } = 5_000;
}

/// <summary>One page of a search: the vacancies' ids in order, and how many match.</summary>
public sealed record SearchPage(IReadOnlyList<Guid> Ids, int Total, bool TotalIsLowerBound, bool TotalIsEstimate);

/// <summary>
/// The public vacancy search, in two steps (docs/performance.md, issue 15). A broad search (a common word, a whole
/// country) is answered by reading the newest vacancies of the destination in index order and keeping those that
/// match, stopping after <see cref="VacancySearchOptions.Window"/> rows: a page fills long before that. A narrow or
/// empty one is answered from the token index (GIN on PostgreSQL, FTS5 on SQLite), which holds text, destination and
/// occupation together, so a search that matches nothing reads almost nothing. Both steps apply the same rule
/// (<see cref="VacancySearchTerms"/>), so which one answers never changes the result, only its cost.
/// </summary>
public sealed class VacancySearch(CaravanDbContext db, Catalogue catalogue, RateTable rates, IMemoryCache cache, IOptions<VacancySearchOptions> options,
    VacancyListingCache listing, VacancySearchSnapshot snapshot, TimeProvider time)
{
    /// <param name="published">Every published vacancy, of any agency: only the index on status and destination may drive the read in order.</param>
    /// <param name="licensed">The agencies whose vacancies the public may see; tested on each row read, never joined.</param>
    /// <param name="filter">What the reader asked for.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    /// <remarks>
    /// The licence is a test on each row rather than a join or a filter of the partition because SQLite 3.46 otherwise
    /// drives the query from the agencies (by agency_id) and sorts the whole destination: 200 ms instead of 4 at
    /// 100,000 vacancies (docs/performance.md).
    /// </remarks>
    public async Task<SearchPage> FindAsync(IQueryable<Vacancy> published, IQueryable<Guid> licensed, VacancyFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = await TermsAsync(filter, cancellationToken);
        var skip = (filter.Page - 1) * filter.PageSize;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (await snapshot.GetAsync(db, await listing.StampAsync(db, cancellationToken), today, options.Value.MemoryLimit, cancellationToken) is { } all)
        {
            return FromMemory(all, filter, terms, skip, WageKey);
        }

        var partition = string.IsNullOrEmpty(filter.Destination) ? published : published.Where(v => v.DestinationCountry == filter.Destination);
        var (conditions, ask) = Conditions(filter, terms);
        conditions.Add(v => licensed.Contains(v.AgencyId));

        var indexed = Where(Indexed(partition, filter.Destination, ask), conditions.Skip(ask is null ? 0 : 1));
        if (ask is not null)
        {
            // Ask the index first, for one row more than the page needs: most searches match few vacancies or none,
            // and then these are all of them, sorted here, with nothing else read.
            var probe = await indexed.Select(v => new Probe(v.Id, v.PublishedAt, v.WageUsdCents)).Take(skip + filter.PageSize + 1).ToListAsync(cancellationToken);
            if (probe.Count <= skip + filter.PageSize)
            {
                var sorted = filter.Sort == VacancySort.Wage
                    ? probe.OrderByDescending(p => WageKey(p.Wage)).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
                    : probe.OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id);
                return new SearchPage([.. sorted.Skip(skip).Take(filter.PageSize).Select(p => p.Id)], probe.Count, false, false);
            }
        }

        var window = options.Value.Window;
        var rows = await Ordered(partition, filter.Sort).Take(window).Select(Row(conditions)).ToListAsync(cancellationToken);
        var matches = rows.Where(r => r.Match).Select(r => r.Id).ToList();
        if (rows.Count < window)
        {
            // The window held the whole destination: its matches are the answer, counted exactly.
            return new SearchPage([.. matches.Skip(skip).Take(filter.PageSize)], Math.Min(matches.Count, VacancyQueries.CountCap), matches.Count > VacancyQueries.CountCap, false);
        }

        if (matches.Count < skip + filter.PageSize)
        {
            // Too few among the newest: the index answers, and a narrow search has few rows to read.
            var ids = await Ordered(indexed, filter.Sort).Skip(skip).Take(filter.PageSize).Select(v => v.Id).ToListAsync(cancellationToken);
            return await CountedAsync(indexed, filter, ids, cancellationToken);
        }

        var pageIds = matches.Skip(skip).Take(filter.PageSize).ToList();
        var size = await PartitionSizeAsync(partition, filter.Destination, cancellationToken);
        var estimate = (int)Math.Min(int.MaxValue, (long)matches.Count * Math.Max(size, window) / window);
        if (estimate > VacancyQueries.CountCap)
        {
            // The share of matches among the newest, scaled to the destination: counting them would read every one.
            return new SearchPage(pageIds, RoundEstimate(estimate), false, true);
        }

        var counted = await indexed.Take(VacancyQueries.CountCap + 1).CountAsync(cancellationToken);
        return new SearchPage(pageIds, Math.Min(counted, VacancyQueries.CountCap), counted > VacancyQueries.CountCap, false);
    }

    /// <summary>
    /// A wage as the database sorts it, for the pages sorted here. The app never writes NULL (a wage with no rate is
    /// <see cref="VacancyWages.NoRate"/>); a row written around it still sorts as NULL does in the database's descending
    /// order, first on PostgreSQL and last on SQLite, so that every way of answering gives one order on each engine.
    /// </summary>
    private long WageKey(long? wage) => wage ?? (db.Database.IsNpgsql() ? long.MaxValue : long.MinValue);

    private sealed record WindowRow(Guid Id, bool Match);

    private sealed record Probe(Guid Id, DateTime? PublishedAt, long? Wage);

    /// <summary>
    /// What the token index is asked: every word as a token prefix, or one of the occupations' code tokens; and, when
    /// given, the occupation group's token. Tokens are already qualified by the destination where there is one.
    /// </summary>
    private sealed record IndexQuestion(IReadOnlyList<string> Words, IReadOnlyList<string> Occupations, string? Group);

    /// <summary>Each row of the window with whether it meets every condition, computed by the database.</summary>
    private static Expression<Func<Vacancy, WindowRow>> Row(List<Expression<Func<Vacancy, bool>>> conditions)
    {
        var v = Expression.Parameter(typeof(Vacancy), "v");
        var match = conditions.Select(c => new Rebind(c.Parameters[0], v).Visit(c.Body)).Aggregate(Expression.AndAlso);
        var row = Expression.New(typeof(WindowRow).GetConstructor([typeof(Guid), typeof(bool)])!, Expression.Property(v, nameof(Vacancy.Id)), match);
        return Expression.Lambda<Func<Vacancy, WindowRow>>(row, v);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>Two significant figures: an estimate shown to the last unit would claim a precision it has not.</summary>
    public static int RoundEstimate(int estimate)
    {
        var magnitude = (int)Math.Pow(10, Math.Max(0, (int)Math.Floor(Math.Log10(Math.Max(1, estimate))) - 1));
        return (int)Math.Round((double)estimate / magnitude, MidpointRounding.AwayFromZero) * magnitude;
    }

    private static async Task<SearchPage> CountedAsync(IQueryable<Vacancy> query, VacancyFilter filter, List<Guid> ids, CancellationToken cancellationToken)
    {
        // A first page that is not full already says how many match: most narrow searches need no second query.
        var total = filter.Page == 1 && ids.Count < filter.PageSize
            ? ids.Count
            : await query.Take(VacancyQueries.CountCap + 1).CountAsync(cancellationToken);
        return new SearchPage(ids, Math.Min(total, VacancyQueries.CountCap), total > VacancyQueries.CountCap, false);
    }

    /// <summary>Published vacancies in the destination, counted at most once a minute: it only scales an estimate.</summary>
    private async Task<int> PartitionSizeAsync(IQueryable<Vacancy> partition, string? destination, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("vacancy-search:size:" + (destination ?? "*"), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await partition.CountAsync(cancellationToken);
        });

    /// <summary>
    /// What a filter asks, worked out once for both ways of answering it: the words as token needles (" " + token,
    /// qualified by the destination where there is one), the occupations whose ISCO titles hold the words, and the
    /// other conditions' values.
    /// </summary>
    private sealed record Terms(IReadOnlyList<string> Words, IReadOnlyList<string> Needles, IReadOnlyList<string> Occupations, string? IscoToken, string? Licence, long? MinCents);

    private async Task<Terms> TermsAsync(VacancyFilter filter, CancellationToken cancellationToken)
    {
        string Token(string token) => string.IsNullOrEmpty(filter.Destination) ? token : VacancySearchTerms.Qualified(filter.Destination, token);
        var words = VacancySearchTerms.Words(filter.Query).Distinct().Take(8).ToList();
        // An occupation whose ISCO title has the words counts as a match, even where the agency's text does not say them.
        var occupations = words.Count == 0 ? [] : (await catalogue.IscoUnitsMatchingWordsAsync(words, cancellationToken))
            .Where(c => filter.Isco is null || c.StartsWith(filter.Isco, StringComparison.Ordinal)).ToList();
        // A minimum in a currency with no rate cannot be compared, so nothing passes it.
        long? cents = filter.MinWage is { } minimum
            ? VacancyWages.ToCents(minimum, filter.MinWageCurrency, await rates.RatesAsync(cancellationToken)) is var key and not VacancyWages.NoRate ? key : long.MaxValue
            : null;
        return new Terms(
            [.. words.Select(Token)],
            [.. words.Select(w => " " + Token(w))],
            occupations,
            string.IsNullOrEmpty(filter.Isco) ? null : Token("i" + filter.Isco),
            string.IsNullOrWhiteSpace(filter.AgencyLicence) ? null : filter.AgencyLicence.Trim().ToUpperInvariant(),
            cents);
    }

    /// <summary>
    /// The filter's conditions, the one the index can answer first (the text, else the occupation group), and the
    /// question that asks the index the same, or null when there is neither text nor group.
    /// </summary>
    private static (List<Expression<Func<Vacancy, bool>>> Conditions, IndexQuestion? Ask) Conditions(VacancyFilter filter, Terms terms)
    {
        var conditions = new List<Expression<Func<Vacancy, bool>>>();
        IndexQuestion? ask = null;
        if (terms.Needles.Count > 0)
        {
            conditions.Add(TextCondition([.. terms.Needles], [.. terms.Occupations]));
            ask = new IndexQuestion(terms.Words, [.. terms.Occupations.Select(c => string.IsNullOrEmpty(filter.Destination) ? "i" + c : VacancySearchTerms.Qualified(filter.Destination, "i" + c))], terms.IscoToken);
        }
        else if (terms.IscoToken is not null)
        {
            ask = new IndexQuestion([], [], terms.IscoToken);
        }

        if (!string.IsNullOrEmpty(filter.Isco))
        {
            // ISCO codes are hierarchical: "7" matches every craft group, "7112" one unit group.
            conditions.Add(v => v.IscoCode.StartsWith(filter.Isco));
        }

        if (terms.Licence is { } licence)
        {
            conditions.Add(v => v.Agency!.LicenceNumber == licence);
        }

        if (terms.MinCents is { } cents)
        {
            conditions.Add(v => v.WageUsdCents >= cents);
        }

        if (filter.FeeFreeOnly)
        {
            conditions.Add(v => v.FeeFree);
        }

        return (conditions, ask);
    }

    /// <summary>The same conditions as <see cref="Conditions"/>, tested on a vacancy held in memory, with the same string comparisons the SQL makes.</summary>
    private static bool Matches(SnapshotVacancy v, VacancyFilter filter, Terms terms) =>
        (string.IsNullOrEmpty(filter.Destination) || v.DestinationCountry == filter.Destination)
        && (terms.Needles.Count == 0 || terms.Needles.All(n => v.SpacedKey.Contains(n, StringComparison.Ordinal)) || terms.Occupations.Contains(v.IscoCode))
        && (string.IsNullOrEmpty(filter.Isco) || v.IscoCode.StartsWith(filter.Isco, StringComparison.Ordinal))
        && (terms.Licence is null || v.AgencyLicence == terms.Licence)
        && (terms.MinCents is null || v.WageUsdCents >= terms.MinCents)
        && (!filter.FeeFreeOnly || v.FeeFree);

    /// <summary>A small node's answer: every match found and counted, in the order the database would give.</summary>
    private static SearchPage FromMemory(IReadOnlyList<SnapshotVacancy> all, VacancyFilter filter, Terms terms, int skip, Func<long?, long> wageKey)
    {
        var matches = all.Where(v => Matches(v, filter, terms));
        var sorted = (filter.Sort == VacancySort.Wage
            ? matches.OrderByDescending(v => wageKey(v.WageUsdCents)).ThenByDescending(v => v.PublishedAt).ThenBy(v => v.Id)
            : matches.OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id)).ToList();
        return new SearchPage([.. sorted.Skip(skip).Take(filter.PageSize).Select(v => v.Id)], Math.Min(sorted.Count, VacancyQueries.CountCap), sorted.Count > VacancyQueries.CountCap, false);
    }

    /// <summary>Every word starts a token of the key (" " + key holds " " + word), or the occupation's title has them.</summary>
    private static Expression<Func<Vacancy, bool>> TextCondition(List<string> needles, List<string> occupations)
    {
        var v = Expression.Parameter(typeof(Vacancy), "v");
        var key = Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!,
            Expression.Constant(" "), Expression.Property(v, nameof(Vacancy.SearchKey)));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression body = needles.Select(n => (Expression)Expression.Call(key, contains, Parameter(n)))
            .Aggregate(Expression.AndAlso);
        if (occupations.Count > 0)
        {
            Expression<Func<List<string>>> list = () => occupations;
            var listContains = typeof(List<string>).GetMethod(nameof(List<string>.Contains), [typeof(string)])!;
            body = Expression.OrElse(body, Expression.Call(list.Body, listContains, Expression.Property(v, nameof(Vacancy.IscoCode))));
        }

        return Expression.Lambda<Func<Vacancy, bool>>(body, v);
    }

    /// <summary>A value EF sends as a parameter, not inlined into the SQL (so plans are reused and nothing is injected).</summary>
    private static Expression Parameter(string value)
    {
        Expression<Func<string>> holder = () => value;
        return holder.Body;
    }

    /// <summary>The partition narrowed by the token index: only rows whose tokens match, found without reading the others.</summary>
    /// <remarks>
    /// The index test is made on the row the rest of the query reads (a subquery PostgreSQL flattens), not through an
    /// "id IN (…)" over a second copy of the table, which made PostgreSQL fetch every match twice.
    /// </remarks>
    private IQueryable<Vacancy> Indexed(IQueryable<Vacancy> partition, string? destination, IndexQuestion? ask)
    {
        if (ask is null)
        {
            return partition;
        }

        var (words, occupations, isco) = ask;
        IQueryable<Vacancy> found;
        if (db.Database.IsNpgsql())
        {
            // Tokens are letters, digits and "_" only (VacancySearchTerms.Words), so quoting them is enough.
            var text = words.Count == 0 ? null : string.Join(" & ", words.Select(w => "'" + w + "':*"));
            var any = string.Join(" | ", (text is null ? [] : new[] { text }).Concat(occupations.Select(o => "'" + o + "'")));
            var query = (any.Length > 0 ? "(" + any + ")" : string.Empty) + (isco is null ? string.Empty : (any.Length > 0 ? " & " : string.Empty) + "'" + isco + "'");
            found = db.Set<Vacancy>().FromSqlInterpolated(
                $"SELECT * FROM vacancy WHERE status = 'Published' AND array_to_tsvector(string_to_array(search_key, ' ')) @@ CAST({query} AS tsquery)");
        }
        else
        {
            var text = words.Count == 0 ? null : string.Join(" AND ", words.Select(w => "\"" + w + "\" *"));
            var any = string.Join(" OR ", (text is null ? [] : new[] { text }).Concat(occupations.Select(o => "\"" + o + "\"")));
            var query = (any.Length > 0 ? "(" + any + ")" : string.Empty) + (isco is null ? string.Empty : (any.Length > 0 ? " AND " : string.Empty) + "\"" + isco + "\"");
            found = db.Set<Vacancy>().FromSqlInterpolated(
                $"SELECT * FROM vacancy WHERE status = 'Published' AND rowid IN (SELECT rowid FROM vacancy_terms WHERE vacancy_terms MATCH {query})");
        }

        found = found.AsNoTracking();
        return string.IsNullOrEmpty(destination) ? found : found.Where(v => v.DestinationCountry == destination);
    }

    private static IQueryable<Vacancy> Where(IQueryable<Vacancy> query, IEnumerable<Expression<Func<Vacancy, bool>>> conditions) =>
        conditions.Aggregate(query, (q, c) => q.Where(c));

    internal static IOrderedQueryable<Vacancy> Ordered(IQueryable<Vacancy> query, VacancySort sort) => sort == VacancySort.Wage
        ? query.OrderByDescending(v => v.WageUsdCents).ThenByDescending(v => v.PublishedAt).ThenBy(v => v.Id)
        : query.OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id);
}
