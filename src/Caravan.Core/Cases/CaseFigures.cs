using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>The scorecard's outcome figures per agency: placements from the registry, cases from case files.</summary>
public sealed class CaseFigures(CaravanDbContext db, RateTable rates) : IAgencyCaseCounts
{
    public async Task<IReadOnlyDictionary<Guid, AgencyCaseFigures>> CountAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken)
    {
        var placed = await db.Set<Departure>()
            .Where(d => d.AgencyId != null && d.DepartureDate >= periodStart && d.DepartureDate <= periodEnd)
            .GroupBy(d => d.AgencyId!.Value)
            .Select(g => new { Agency = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Agency, g => g.Count, cancellationToken);
        var from = periodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = periodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var cases = await db.Set<LegalCase>().AsNoTracking()
            .Where(c => c.AgencyId != null && c.Status == CaseStatus.Closed && c.ClosedAt >= from && c.ClosedAt < to)
            .Select(c => new { Agency = c.AgencyId!.Value, c.Substantiated, c.Outcome, c.RecoveredCurrency, c.AmountRecovered })
            .ToListAsync(cancellationToken);

        var result = new Dictionary<Guid, AgencyCaseFigures>();
        foreach (var agency in placed.Keys.Union(cases.Select(c => c.Agency)))
        {
            var mine = cases.Where(c => c.Agency == agency).ToList();
            decimal? recovered = 0m;
            // SQLite cannot sum decimals, and the closed cases of one period are few: add them up here.
            foreach (var money in mine.Where(c => c.RecoveredCurrency is not null && c.AmountRecovered > 0).GroupBy(c => c.RecoveredCurrency!))
            {
                var usd = await rates.ConvertAsync(money.Sum(c => c.AmountRecovered!.Value), money.Key, "USD", cancellationToken);
                recovered = usd is null || recovered is null ? null : recovered + usd;
            }

            result[agency] = new AgencyCaseFigures(
                placed.GetValueOrDefault(agency),
                mine.Count(c => c.Substantiated),
                mine.Count,
                mine.Count(c => c.Outcome == CaseOutcome.Resolved),
                recovered);
        }

        return result;
    }
}
