using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Coordination;

/// <summary>
/// Receives changes to shared plans. Only the hub defines plans; a country speaks only for itself; a node keeps only
/// the plans it is a party to. On the hub, a party's change is passed on to the plan's other parties in the same
/// transaction as it is applied.
/// </summary>
public sealed class PlanUpdateHandler(PlanApplier applier, PlanSharing sharing, IOptions<NodeOptions> node) : IExchangeHandler
{
    public const string NotFromHub = "only the hub defines plans; ignored";
    public const string NotItsOwn = "a country changes only its own part; ignored";
    public const string NotAParty = "this node is not a party to the plan; ignored";
    public const string Unreadable = "the change could not be read; ignored";

    public MessageType Type => MessageType.ActionPlanUpdate;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var update = PlanUpdate.FromJson(message.Envelope.Body);
        if (update is null)
        {
            return Unreadable;
        }

        var definition = update.Kind is PlanUpdateKind.Plan or PlanUpdateKind.Activity or PlanUpdateKind.Indicator or PlanUpdateKind.Recommendation;
        if (!message.Partner.IsHub)
        {
            // From a country, which only the hub hears plans from: its own status, value or follow-up, nothing else.
            if (definition || !node.Value.IsHub)
            {
                return NotFromHub;
            }

            if (update.Country != message.Partner.Country || (update.Kind == PlanUpdateKind.Part && update.Lead is not null))
            {
                return NotItsOwn;
            }
        }
        else if (update.Kind == PlanUpdateKind.Plan && update.Parties?.Split(',').Contains(node.Value.Country) != true)
        {
            return NotAParty;
        }

        var (outcome, plan) = await applier.ApplyAsync(update, message.Envelope.SentAt.UtcDateTime, cancellationToken);
        if (outcome == PlanApplier.Applied && node.Value.IsHub && plan is not null)
        {
            await sharing.QueueAsync(plan, update, message.Partner.Country, cancellationToken);
        }

        return outcome;
    }
}
