using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Coordination;

/// <summary>The plans this node shares, whole, for their pages and progress reports.</summary>
public sealed class PlanQueries(CaravanDbContext db)
{
    public async Task<IReadOnlyList<ActionPlan>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Set<ActionPlan>().AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);

    public Task<ActionPlan?> FindAsync(string? code, CancellationToken cancellationToken = default) =>
        code is null ? Task.FromResult<ActionPlan?>(null) : db.Set<ActionPlan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Activities).ThenInclude(a => a.Parts)
            .Include(p => p.Indicators).ThenInclude(i => i.Values)
            .Include(p => p.Recommendations).ThenInclude(r => r.FollowUps)
            .SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
}
