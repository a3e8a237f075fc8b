using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Exchange;

/// <summary>What queueing a message for a partner gave: its id, or why it may not be sent.</summary>
public sealed record QueueResult(Guid? MessageId, TrustDecision Decision, IReadOnlyList<string> Problems)
{
    public bool Queued => MessageId is not null;
}

/// <summary>
/// Puts a message for a partner node in the node's one outbox, in the caller's unit of work: the message is saved in
/// the same transaction as the event it reports, or not at all. Before that, its body must pass the type's field
/// whitelist and the trust list must allow the flow; a message that may not leave is never written.
/// </summary>
public sealed class ExchangeOutbox(CaravanDbContext db, TrustCheck trust, SensitiveData sensitive, TimeProvider time, IOptions<NodeOptions> node, OutboxSignal signal)
{
    // Within one unit of work the trust list is read once per partner and flow: a batch of reports queued together
    // is judged by the list as it stood when the batch began, and each is checked again when it is sent.
    private readonly Dictionary<(Guid, MessageType), (TrustDecision Decision, PartnerNode? Partner)> judged = [];

    public async Task<QueueResult> AddAsync(Guid partnerId, MessageType type, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = MessageFields.Problems(type, body);
        if (problems.Count > 0)
        {
            return new QueueResult(null, TrustDecision.Allowed, problems);
        }

        var purpose = MessagePurposes.Of(type);
        if (!judged.TryGetValue((partnerId, type), out var verdict))
        {
            var decision = await trust.SendingAsync(partnerId, type, purpose, cancellationToken);
            verdict = (decision, decision == TrustDecision.Allowed ? await db.Set<PartnerNode>().AsNoTracking().SingleAsync(p => p.Id == partnerId, cancellationToken) : null);
            judged[(partnerId, type)] = verdict;
        }

        if (verdict.Decision != TrustDecision.Allowed)
        {
            return new QueueResult(null, verdict.Decision, []);
        }

        var partner = verdict.Partner!;
        var now = time.GetUtcNow().UtcDateTime;
        // Delivered in the order queued: a partner applies a plan before its activities, a referral before its statuses.
        var id = SequentialIds.Next();
        // The time is a placeholder: each attempt is signed with the time it is sent (see NodeDelivery).
        var envelope = new Envelope(id, type, MessageFields.SchemaVersion, partner.Agreement, purpose,
            Envelope.Address(node.Value.PublicUrl), Envelope.Address(partner.BaseUrl), DateTimeOffset.MinValue, body);
        db.Add(new OutboxMessage
        {
            Id = id,
            Channel = MessageChannel.Node,
            Template = "Exchange." + type,
            PartnerId = partnerId,
            RecipientHint = $"{partner.Name} ({partner.Country})",
            // Bodies are pseudonymous by their whitelist, but a case summary is still about a person: kept encrypted.
            BodyCipher = sensitive.Protect(envelope.ToJson()),
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return new QueueResult(id, TrustDecision.Allowed, []);
    }

    /// <summary>After the caller saved: asks the background sender to deliver now rather than at its next run.</summary>
    public void Send() => signal.Kick();
}
