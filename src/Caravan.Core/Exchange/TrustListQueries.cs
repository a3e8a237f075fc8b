using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

public sealed class TrustListQueries(CaravanDbContext db, TimeProvider time)
{
    /// <summary>Partners this node may send a type of message to today: the flow allowed and the agreement in force.</summary>
    public async Task<IReadOnlyList<PartnerNode>> SendingAsync(MessageType type, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var partners = await db.Set<PartnerNode>().AsNoTracking()
            .Where(p => p.Flows.Any(f => f.Direction == FlowDirection.Send && f.Type == type))
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. partners.Where(p => p.InForce(today))];
    }

    public async Task<IReadOnlyList<PartnerNode>> PartnersAsync(CancellationToken cancellationToken = default) =>
        await db.Set<PartnerNode>().AsNoTracking().AsSplitQuery().Include(p => p.Keys).Include(p => p.Flows).OrderBy(p => p.Country).ThenBy(p => p.Name).ToListAsync(cancellationToken);

    public Task<PartnerNode?> PartnerAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<PartnerNode>().AsNoTracking().AsSplitQuery().Include(p => p.Keys).Include(p => p.Flows).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
}
