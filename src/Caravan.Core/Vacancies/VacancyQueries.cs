using System.Runtime.CompilerServices;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

public sealed record VacancyFilter(string? Destination, string? Isco, int Page, int PageSize)
{
    /// <summary>Words to find in the title, description, city or occupation, in any of the UI languages.</summary>
    public string? Query { get; init; }

    /// <summary>Only this agency's vacancies, by licence number.</summary>
    public string? AgencyLicence { get; init; }

    /// <summary>Only wages of at least this much a month, in <see cref="MinWageCurrency"/>, compared through the rate table.</summary>
    public decimal? MinWage { get; init; }

    public string MinWageCurrency { get; init; } = "USD";

    /// <summary>Only vacancies that charge the worker nothing.</summary>
    public bool FeeFreeOnly { get; init; }

    public VacancySort Sort { get; init; } = VacancySort.Newest;

    public const int MaxPageSize = 100;
}

public enum VacancySort
{
    Newest,
    Wage,
}

public sealed record DestinationCount(string Country, int Vacancies, int Positions);

/// <summary>One vacancy as a list shows it, with its agency's name and licence and its employer's name and country.</summary>
public sealed record VacancyListItem(
    string Reference,
    string Title,
    string IscoCode,
    string DestinationCountry,
    string City,
    int Positions,
    decimal WageAmount,
    string WageCurrency,
    int HoursPerWeek,
    int ContractMonths,
    bool HousingProvided,
    bool MealsProvided,
    bool TransportProvided,
    DateOnly ApplicationDeadline,
    DateTime? PublishedAt,
    string AgencyName,
    string? AgencyLicence,
    string EmployerName,
    string EmployerCountry)
{
    /// <summary>The language <see cref="Title"/> is written in, when known: the reader's when the agency translated it.</summary>
    public string? TextLanguage { get; init; }

    /// <summary>The list row of a vacancy already loaded with its agency and employer.</summary>
    public static VacancyListItem Of(Vacancy v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Reference, v.Title, v.IscoCode, v.DestinationCountry, v.City, v.Positions, v.WageAmount, v.WageCurrency,
            v.HoursPerWeek, v.ContractMonths, v.HousingProvided, v.MealsProvided, v.TransportProvided, v.ApplicationDeadline, v.PublishedAt,
            v.Agency?.Name ?? string.Empty, v.Agency?.LicenceNumber, v.Employer?.Name ?? string.Empty, v.Employer?.CountryCode ?? string.Empty)
        {
            TextLanguage = v.TextLanguage,
        };
    }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>True when there are more matches than were counted: Total is then a lower bound.</summary>
    public bool TotalIsLowerBound { get; init; }

    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Read side of vacancies. Every query here is scoped: public lists show only published vacancies.</summary>
public sealed class VacancyQueries(CaravanDbContext db, TimeProvider time, Catalogue catalogue, RateTable rates)
{
    /// <summary>
    /// Counting stops here: a broad search at a million vacancies would otherwise read every match just to print a
    /// number, and "more than 1,000" tells a reader as much. Pages beyond the cap are still reachable by narrowing.
    /// </summary>
    public const int CountCap = 1000;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<PagedResult<Vacancy>> PublishedAsync(VacancyFilter filter, CancellationToken cancellationToken = default)
    {
        var query = await FilteredAsync(filter, cancellationToken);
        var items = await Ordered(query, filter.Sort)
            .Include(v => v.Agency)
            .Include(v => v.Employer)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return await PageAsync(query, filter, items, cancellationToken);
    }

    /// <summary>
    /// The same search as <see cref="PublishedAsync"/>, reading only what a list shows: whole vacancies (description,
    /// search key) with whole agencies and employers cost most of a search's time on a small node (docs/performance.md).
    /// </summary>
    public async Task<PagedResult<VacancyListItem>> PublishedListAsync(VacancyFilter filter, CancellationToken cancellationToken = default) =>
        await PublishedListAsync(filter, null, cancellationToken);

    /// <summary>The list, with each title in <paramref name="language"/> where the agency translated it, else as written.</summary>
    public async Task<PagedResult<VacancyListItem>> PublishedListAsync(VacancyFilter filter, string? language, CancellationToken cancellationToken = default)
    {
        var query = await FilteredAsync(filter, cancellationToken);
        var items = await Ordered(query, filter.Sort)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(v => new VacancyListItem(
                v.Reference,
                language == null ? v.Title : v.Translations.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? v.Title,
                v.IscoCode, v.DestinationCountry, v.City, v.Positions, v.WageAmount, v.WageCurrency,
                v.HoursPerWeek, v.ContractMonths, v.HousingProvided, v.MealsProvided, v.TransportProvided, v.ApplicationDeadline, v.PublishedAt,
                v.Agency!.Name, v.Agency.LicenceNumber, v.Employer!.Name, v.Employer.CountryCode)
            {
                TextLanguage = language == null ? v.TextLanguage : v.Translations.Where(t => t.Language == language).Select(t => t.Language).FirstOrDefault() ?? v.TextLanguage,
            })
            .ToListAsync(cancellationToken);
        return await PageAsync(query, filter, items, cancellationToken);
    }

    private async Task<IQueryable<Vacancy>> FilteredAsync(VacancyFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Public();
        if (!string.IsNullOrEmpty(filter.Destination))
        {
            query = query.Where(v => v.DestinationCountry == filter.Destination);
        }

        if (!string.IsNullOrEmpty(filter.Isco))
        {
            // ISCO codes are hierarchical: "7" matches every craft group, "7112" one unit group.
            query = query.Where(v => v.IscoCode.StartsWith(filter.Isco));
        }

        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var key = filter.Query.Trim().ToUpperInvariant();
            var occupations = await catalogue.IscoUnitsMatchingAsync(filter.Query, cancellationToken);
            if (db.Database.IsSqlite() && key.Length >= 3)
            {
                // SQLite: the trigram full-text index (VacancySearchFts migration); a quoted phrase of trigrams is a substring match.
                // The matches are gathered in one UNION so the outer query is driven by this small set, not by an OR over every row.
                var phrase = "\"" + key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                // Each occupation code is its own parameter: SQLite uses the isco_code index for a list, but scans for json_each.
                var sql = "SELECT v.id AS \"Value\" FROM vacancy_fts f JOIN vacancy v ON v.rowid = f.rowid WHERE vacancy_fts MATCH {0}";
                if (occupations.Count > 0)
                {
                    // The status condition is the outer query's too; here it lets SQLite use the (status, isco_code, …) index.
                    sql += " UNION SELECT id FROM vacancy WHERE status = 'Published' AND isco_code IN (" + string.Join(", ", occupations.Select((_, i) => "{" + (i + 1) + "}")) + ")";
                }

                var ids = db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(sql, [phrase, .. occupations]));
                query = query.Where(v => ids.Contains(v.Id));
            }
            else
            {
                // LIKE rather than Contains: PostgreSQL answers it from the trigram index (VacancyFilters migration).
                var pattern = "%" + EscapeLike(key) + "%";
                query = query.Where(v => EF.Functions.Like(v.SearchKey, pattern, "\\") || occupations.Contains(v.IscoCode));
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.AgencyLicence))
        {
            var licence = filter.AgencyLicence.Trim().ToUpperInvariant();
            query = query.Where(v => v.Agency!.LicenceNumber == licence);
        }

        if (filter.MinWage is { } minimum)
        {
            var cents = VacancyWages.ToCents(minimum, filter.MinWageCurrency, await rates.RatesAsync(cancellationToken)) ?? long.MaxValue;
            query = query.Where(v => v.WageUsdCents >= cents);
        }

        if (filter.FeeFreeOnly)
        {
            query = query.Where(v => v.FeeFree);
        }

        return query;
    }

    private static IOrderedQueryable<Vacancy> Ordered(IQueryable<Vacancy> query, VacancySort sort) => sort == VacancySort.Wage
        ? query.OrderByDescending(v => v.WageUsdCents).ThenByDescending(v => v.PublishedAt).ThenBy(v => v.Id)
        : query.OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id);

    private static async Task<PagedResult<T>> PageAsync<T>(IQueryable<Vacancy> query, VacancyFilter filter, List<T> items, CancellationToken cancellationToken)
    {
        // A first page that is not full already says how many match: most narrow searches need no second query.
        var total = filter.Page == 1 && items.Count < filter.PageSize
            ? items.Count
            : await query.Take(CountCap + 1).CountAsync(cancellationToken);
        return new PagedResult<T>(items, filter.Page, filter.PageSize, Math.Min(total, CountCap)) { TotalIsLowerBound = total > CountCap };
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public Task<Vacancy?> PublishedByReferenceAsync(string reference, CancellationToken cancellationToken = default) =>
        Public().Include(v => v.Agency).ThenInclude(a => a!.Destinations).Include(v => v.Employer)
            .Include(v => v.Costs).Include(v => v.Translations).AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Reference == reference, cancellationToken);

    /// <summary>
    /// What the public may see: published vacancies of agencies whose licence is valid today. A suspended,
    /// revoked or lapsed licence takes the agency's vacancies out of search at once, before any job runs.
    /// </summary>
    internal IQueryable<Vacancy> Public()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published
            && v.Agency!.LicenceStatus == LicenceStatus.Valid
            && (v.Agency.LicenceValidUntil == null || v.Agency.LicenceValidUntil >= today));
    }

    /// <summary>An agency's own vacancy, in any status; null for another agency's, so callers answer 404.</summary>
    public Task<Vacancy?> ForAgencyAsync(Guid agencyId, string reference, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().AsNoTracking().Include(v => v.Agency).Include(v => v.Employer)
            .SingleOrDefaultAsync(v => v.Reference == reference && v.AgencyId == agencyId, cancellationToken);

    public Task<List<Vacancy>> ListForAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().AsNoTracking().Where(v => v.AgencyId == agencyId)
            .OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id).ToListAsync(cancellationToken);

    /// <summary>Published vacancies and positions per destination country, most positions first.</summary>
    public async Task<IReadOnlyList<DestinationCount>> PublishedByDestinationAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
            .GroupBy(v => v.DestinationCountry)
            .Select(g => new DestinationCount(g.Key, g.Count(), g.Sum(v => v.Positions)))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Positions).ThenBy(r => r.Country, StringComparer.Ordinal).ToList();
    }

    /// <summary>Published positions per ISCO-08 major group (the code's first digit).</summary>
    public async Task<IReadOnlyList<(string MajorGroup, int Positions)>> PublishedByMajorGroupAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published)
            .Select(v => new { v.IscoCode, v.Positions }).ToListAsync(cancellationToken);
        return rows.GroupBy(v => v.IscoCode[..1]).Select(g => (g.Key, g.Sum(v => v.Positions)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>An officer's scope is their node: vacancies of agencies licensed in that country.</summary>
    public Task<int> CountForCountryAsync(string country, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().CountAsync(v => v.Agency!.CountryCode == country, cancellationToken);
}
