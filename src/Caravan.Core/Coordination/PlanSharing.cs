using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Coordination;

/// <summary>
/// Who hears of a change to a shared plan. A change made on a country's node goes to the hub; the hub passes it on
/// to the plan's other parties, and sends its own changes to all of them. Messages are queued in the caller's unit of
/// work, so a change and its messages are saved together.
/// </summary>
public sealed class PlanSharing(TrustListQueries partners, ExchangeOutbox outbox, IOptions<NodeOptions> node)
{
    private IReadOnlyList<PartnerNode>? receivers;

    /// <summary>Queues the change for every node that should hear of it, except the country it came from; returns how many.</summary>
    public async Task<int> QueueAsync(ActionPlan plan, PlanUpdate update, string? fromCountry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(update);
        var queued = 0;
        foreach (var partner in await TargetsAsync(plan, fromCountry, cancellationToken))
        {
            if ((await outbox.AddAsync(partner.Id, MessageType.ActionPlanUpdate, update.ToJson(), cancellationToken)).Queued)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>The whole plan for one partner, as the hub sends it when a party joins or asks again.</summary>
    public async Task<int> ShareAsync(ActionPlan plan, PartnerNode partner, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(partner);
        var queued = 0;
        foreach (var update in PlanUpdates.Whole(plan, on))
        {
            if ((await outbox.AddAsync(partner.Id, MessageType.ActionPlanUpdate, update.ToJson(), cancellationToken)).Queued)
            {
                queued++;
            }
        }

        return queued;
    }

    public void Send() => outbox.Send();

    private async Task<IEnumerable<PartnerNode>> TargetsAsync(ActionPlan plan, string? fromCountry, CancellationToken cancellationToken)
    {
        receivers ??= await partners.SendingAsync(MessageType.ActionPlanUpdate, cancellationToken);
        return node.Value.IsHub
            ? receivers.Where(p => !p.IsHub && plan.PartyList.Contains(p.Country) && p.Country != fromCountry)
            : receivers.Where(p => p.IsHub);
    }
}

/// <summary>A plan written out as the updates that make it, in the order a new node needs them.</summary>
public static class PlanUpdates
{
    public static IEnumerable<PlanUpdate> Whole(ActionPlan plan, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(plan);
        yield return new PlanUpdate(plan.Code, PlanUpdateKind.Plan, null, on) { Title = plan.Title, Parties = plan.Parties, Year = plan.Year };
        foreach (var a in plan.Activities.OrderBy(a => a.Code, StringComparer.Ordinal))
        {
            yield return new PlanUpdate(plan.Code, PlanUpdateKind.Activity, a.Code, on) { Title = a.Title, Deadline = a.Deadline };
            foreach (var p in a.Parts)
            {
                yield return new PlanUpdate(plan.Code, PlanUpdateKind.Part, a.Code, on) { Country = p.Country, Lead = p.Lead, Status = p.Status, Notes = p.Notes };
            }
        }

        foreach (var i in plan.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
        {
            yield return new PlanUpdate(plan.Code, PlanUpdateKind.Indicator, i.Code, on) { Title = i.Title, Unit = i.Unit, Baseline = i.Baseline, Target = i.Target, Linked = i.Linked };
            foreach (var v in i.Values)
            {
                yield return new PlanUpdate(plan.Code, PlanUpdateKind.Value, i.Code, v.On) { Country = v.Country, Value = v.Actual };
            }
        }

        foreach (var r in plan.Recommendations.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            yield return new PlanUpdate(plan.Code, PlanUpdateKind.Recommendation, r.Code, on) { Meeting = r.Meeting, Text = r.Text };
            foreach (var f in r.FollowUps)
            {
                yield return new PlanUpdate(plan.Code, PlanUpdateKind.FollowUp, r.Code, on) { Country = f.Country, Status = f.Status, Notes = f.Notes };
            }
        }
    }
}
