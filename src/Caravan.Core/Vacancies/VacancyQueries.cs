using Caravan.Core.Agencies;
using Caravan.Core.Data;
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

    /// <summary>True when Total is an estimate from a sample of the newest vacancies, shown as "about".</summary>
    public bool TotalIsEstimate { get; init; }

    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Read side of vacancies. Every query here is scoped: public lists show only published vacancies.</summary>
public sealed class VacancyQueries(CaravanDbContext db, TimeProvider time, VacancySearch search, VacancyListingCache listing)
{
    /// <summary>
    /// Counting stops here: a broad search at a million vacancies would otherwise read every match just to print a
    /// number, and "more than 1,000" tells a reader as much. Pages beyond the cap are still reachable by narrowing.
    /// </summary>
    public const int CountCap = 1000;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<PagedResult<Vacancy>> PublishedAsync(VacancyFilter filter, CancellationToken cancellationToken = default)
    {
        var (published, licensed) = Searchable();
        var page = await search.FindAsync(published, licensed, filter, cancellationToken);
        var ids = page.Ids;
        if (ids.Count == 0)
        {
            return Paged(page, filter, new List<Vacancy>());
        }

        var rows = await Public().Where(v => ids.Contains(v.Id)).Include(v => v.Agency).Include(v => v.Employer).ToListAsync(cancellationToken);
        return Paged(page, filter, InOrder(rows, ids, v => v.Id));
    }

    /// <summary>
    /// The same search as <see cref="PublishedAsync"/>, reading only what a list shows: whole vacancies (description,
    /// search key) with whole agencies and employers cost most of a search's time on a small node (docs/performance.md).
    /// </summary>
    public async Task<PagedResult<VacancyListItem>> PublishedListAsync(VacancyFilter filter, CancellationToken cancellationToken = default) =>
        await PublishedListAsync(filter, null, cancellationToken);

    /// <summary>The list, with each title in <paramref name="language"/> where the agency translated it, else as written.</summary>
    /// <remarks>
    /// Served from <see cref="VacancyListingCache"/> when the same search was read under the current stamp. Today's
    /// date is part of the key: a licence that lapses at midnight takes its vacancies out with no write.
    /// </remarks>
    public Task<PagedResult<VacancyListItem>> PublishedListAsync(VacancyFilter filter, string? language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return listing.GetOrAddAsync(db, (Today, language, filter), () => SearchListAsync(filter, language, cancellationToken), cancellationToken);
    }

    private async Task<PagedResult<VacancyListItem>> SearchListAsync(VacancyFilter filter, string? language, CancellationToken cancellationToken)
    {
        var (published, licensed) = Searchable();
        var page = await search.FindAsync(published, licensed, filter, cancellationToken);
        var ids = page.Ids;
        if (ids.Count == 0)
        {
            // Most searches on a small node match nothing: no second query to read no rows.
            return Paged(page, filter, new List<VacancyListItem>());
        }

        var rows = await Public().Where(v => ids.Contains(v.Id))
            .Select(v => new
            {
                v.Id,
                Item = new VacancyListItem(
                    v.Reference,
                    language == null ? v.Title : v.Translations.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? v.Title,
                    v.IscoCode, v.DestinationCountry, v.City, v.Positions, v.WageAmount, v.WageCurrency,
                    v.HoursPerWeek, v.ContractMonths, v.HousingProvided, v.MealsProvided, v.TransportProvided, v.ApplicationDeadline, v.PublishedAt,
                    v.Agency!.Name, v.Agency.LicenceNumber, v.Employer!.Name, v.Employer.CountryCode)
                {
                    TextLanguage = language == null ? v.TextLanguage : v.Translations.Where(t => t.Language == language).Select(t => t.Language).FirstOrDefault() ?? v.TextLanguage,
                },
            })
            .ToListAsync(cancellationToken);
        return Paged(page, filter, InOrder(rows, ids, r => r.Id).Select(r => r.Item).ToList());
    }

    private static List<T> InOrder<T>(List<T> rows, IReadOnlyList<Guid> ids, Func<T, Guid> id)
    {
        var position = ids.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        return [.. rows.OrderBy(r => position[id(r)])];
    }

    private static PagedResult<T> Paged<T>(SearchPage page, VacancyFilter filter, List<T> items) =>
        new(items, filter.Page, filter.PageSize, page.Total) { TotalIsLowerBound = page.TotalIsLowerBound, TotalIsEstimate = page.TotalIsEstimate };

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

    /// <summary>What the search reads: every published vacancy, and apart from it the agencies whose licence is valid today.</summary>
    private (IQueryable<Vacancy> Published, IQueryable<Guid> Licensed) Searchable()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var licensed = db.Set<Agency>().Where(a => a.LicenceStatus == LicenceStatus.Valid && (a.LicenceValidUntil == null || a.LicenceValidUntil >= today)).Select(a => a.Id);
        return (db.Set<Vacancy>().AsNoTracking().Where(v => v.Status == VacancyStatus.Published), licensed);
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
