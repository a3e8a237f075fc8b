using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Coordination;

/// <summary>
/// The hub sends a whole plan again to every party's node: for a party linked after the plan was made, a node restored
/// from an older backup, or a copy that drifted. Each party keeps the newer of what it has and what arrives, so sending
/// again changes nothing that is already up to date.
/// </summary>
public sealed class PlanResend(CaravanDbContext db, PlanQueries plans, PlanSharing sharing, TrustListQueries partners, TimeProvider time, IOptions<NodeOptions> node)
{
    /// <summary>How many messages were queued, or null when this node is not the hub or the plan is unknown.</summary>
    public async Task<int?> ResendAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!node.Value.IsHub || await plans.FindAsync(code, cancellationToken) is not { } plan)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var queued = 0;
        foreach (var partner in (await partners.SendingAsync(MessageType.ActionPlanUpdate, cancellationToken)).Where(p => !p.IsHub && plan.PartyList.Contains(p.Country)))
        {
            queued += await sharing.ShareAsync(plan, partner, today, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        sharing.Send();
        return queued;
    }
}
