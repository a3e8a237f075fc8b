using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

public sealed class TrustListQueries(CaravanDbContext db)
{
    public async Task<IReadOnlyList<PartnerNode>> PartnersAsync(CancellationToken cancellationToken = default) =>
        await db.Set<PartnerNode>().AsNoTracking().AsSplitQuery().Include(p => p.Keys).Include(p => p.Flows).OrderBy(p => p.Country).ThenBy(p => p.Name).ToListAsync(cancellationToken);

    public Task<PartnerNode?> PartnerAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<PartnerNode>().AsNoTracking().AsSplitQuery().Include(p => p.Keys).Include(p => p.Flows).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
}
