using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Agencies;

public sealed record AgencyFilter(string? Query, LicenceStatus? Status, string? Destination, int Page, int PageSize)
{
    public const int MaxPageSize = 100;
}

/// <summary>The public register: every agency that holds or has held a licence. Applications are not public.</summary>
public sealed class AgencyQueries(CaravanDbContext db, TimeProvider time)
{
    public const string LicencePrefix = "LIC";

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<PagedResult<Agency>> SearchAsync(AgencyFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var today = Today;
        var query = Public();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var key = Agency.SearchKey(filter.Query);
            query = query.Where(a => a.NameKey.Contains(key) || a.LicenceNumber == key);
        }

        if (!string.IsNullOrEmpty(filter.Destination))
        {
            query = query.Where(a => a.Destinations.Any(d => d.CountryCode == filter.Destination));
        }

        // Expiry by date is applied here too, so the register never shows a lapsed licence as valid.
        if (filter.Status == LicenceStatus.Valid)
        {
            query = query.Where(a => a.LicenceStatus == LicenceStatus.Valid && (a.LicenceValidUntil == null || a.LicenceValidUntil >= today));
        }
        else if (filter.Status == LicenceStatus.Expired)
        {
            query = query.Where(a => a.LicenceStatus == LicenceStatus.Expired
                || (a.LicenceStatus == LicenceStatus.Valid && a.LicenceValidUntil != null && a.LicenceValidUntil < today));
        }
        else if (filter.Status is { } status)
        {
            query = query.Where(a => a.LicenceStatus == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(a => a.Destinations)
            .OrderBy(a => a.NameKey).ThenBy(a => a.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedResult<Agency>(items, filter.Page, filter.PageSize, total);
    }

    public Task<Agency?> ByLicenceAsync(string licenceNumber, CancellationToken cancellationToken = default)
    {
        var key = Agency.SearchKey(licenceNumber);
        return Public().Include(a => a.Destinations).SingleOrDefaultAsync(a => a.LicenceNumber == key, cancellationToken);
    }

    public Task<int> PublishedVacancyCountAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().CountAsync(v => v.AgencyId == agencyId && v.Status == VacancyStatus.Published, cancellationToken);

    public Task<AgencyScorecard?> ScorecardAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<AgencyScorecard>().AsNoTracking().SingleOrDefaultAsync(s => s.AgencyId == agencyId, cancellationToken);

    private IQueryable<Agency> Public() =>
        db.Set<Agency>().AsNoTracking().Where(a => a.LicenceNumber != null && a.LicenceStatus != LicenceStatus.Applied);
}
