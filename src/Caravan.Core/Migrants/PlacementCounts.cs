using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>
/// Workers placed per agency, for the scorecard: departures recorded through the agency in the period. Cases stay
/// unrecorded (null) until the legal-support capability records them, so no scorecard shows a false zero.
/// </summary>
public sealed class PlacementCounts(CaravanDbContext db) : IAgencyCaseCounts
{
    public async Task<IReadOnlyDictionary<Guid, (int Placed, int? Cases)>> CountAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken)
    {
        var placed = await db.Set<Departure>()
            .Where(d => d.AgencyId != null && d.DepartureDate >= periodStart && d.DepartureDate <= periodEnd)
            .GroupBy(d => d.AgencyId!.Value)
            .Select(g => new { Agency = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return placed.ToDictionary(p => p.Agency, p => (p.Count, (int?)null));
    }
}
