using System.Security.Cryptography;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Exchange;

/// <summary>
/// Delivers the outbox's messages to partner nodes, a batch per request. A batch is claimed with one conditional
/// update, so of several replicas exactly one sends it; each message is signed at the moment it is sent; and only
/// the partner's answer moves it on: accepted or duplicate is sent, refused is parked with the partner's reason, and
/// a partner that is down or answers badly gets the batch again after a back-off. A process that dies mid-batch leaves
/// its claim to lapse, and the inbox's idempotency makes the second delivery harmless.
/// </summary>
public sealed partial class NodeDelivery(
    CaravanDbContext db,
    SensitiveData sensitive,
    NodeSigner signer,
    TrustCheck trust,
    INodeTransport transport,
    TimeProvider time,
    IOptions<MessagingOptions> messaging,
    IOptions<ExchangeOptions> options,
    ILogger<NodeDelivery> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Delivers every due message, partner by partner, until none is due. Returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var tried = new List<Guid?>();
        while (true)
        {
            var now = Now;
            var next = await Due(now).Where(m => !tried.Contains(m.PartnerId)).OrderBy(m => m.NextAttemptAt)
                .Select(m => m.PartnerId).FirstOrDefaultAsync(cancellationToken);
            if (next is not { } partnerId)
            {
                return delivered;
            }

            var (sent, more) = await DeliverBatchAsync(partnerId, cancellationToken);
            delivered += sent;
            if (!more)
            {
                // This partner failed, or has nothing left: the others get their turn, and it waits for its back-off.
                tried.Add(partnerId);
            }
        }
    }

    /// <summary>Claims, signs and sends one batch for a partner. Returns how many it delivered, and whether more may be due.</summary>
    public async Task<(int Sent, bool More)> DeliverBatchAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var batch = await ClaimAsync(partnerId, cancellationToken);
        if (batch.Count == 0)
        {
            return (0, false);
        }

        var partner = await db.Set<PartnerNode>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        var envelopes = batch.Select(m => (Message: m, Envelope: Read(m))).ToList();
        var now = Now;
        var sendable = new List<(OutboxMessage Message, Envelope Envelope)>();
        var decisions = new Dictionary<(MessageType, ExchangePurpose), TrustDecision>();
        foreach (var (message, envelope) in envelopes)
        {
            // The trust list is read again at sending: an agreement that ended since the message was queued stops it.
            var decision = TrustDecision.UnknownKey;
            if (partner is not null && envelope is not null && !decisions.TryGetValue((envelope.Type, envelope.Purpose), out decision))
            {
                decision = await trust.SendingAsync(partnerId, envelope.Type, envelope.Purpose, cancellationToken);
                decisions[(envelope.Type, envelope.Purpose)] = decision;
            }

            if (decision == TrustDecision.Allowed)
            {
                sendable.Add((message, envelope!));
            }
            else
            {
                Park(message, NotSentBecause(decision));
            }
        }

        var sent = 0;
        var reached = true;
        if (sendable.Count > 0)
        {
            var tokens = new List<string>(sendable.Count);
            using (var signing = await signer.BatchAsync(cancellationToken))
            {
                foreach (var (_, envelope) in sendable)
                {
                    tokens.Add(signing.Sign(Envelope.TokenType, (envelope with { SentAt = new DateTimeOffset(now, TimeSpan.Zero) }).ToJson()));
                }
            }

            try
            {
                var answers = await transport.SendAsync(new Uri(partner!.BaseUrl), tokens, cancellationToken);
                sent = Apply(sendable.Select(s => s.Message).ToList(), answers, partner.Name);
            }
            catch (DeliveryException e)
            {
                reached = false;
                foreach (var (message, _) in sendable)
                {
                    Retry(message, e.Message, e.Permanent);
                }
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        // A full batch that reached the partner may have more behind it; a partner that is down waits for its back-off.
        return (sent, reached && batch.Count == options.Value.BatchSize);
    }

    private IQueryable<OutboxMessage> Due(DateTime now) =>
        db.Set<OutboxMessage>().Where(m => m.Channel == MessageChannel.Node && m.PartnerId != null
            && ((m.Status == MessageStatus.Pending && m.NextAttemptAt <= now) || (m.Status == MessageStatus.Sending && m.ClaimedUntil < now)));

    private async Task<List<OutboxMessage>> ClaimAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        var now = Now;
        var ids = await Due(now).Where(m => m.PartnerId == partnerId).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // A claim's end is made unique to this run (to the microsecond both engines keep), so the rows read back are
        // exactly those this run won, even when another replica claims from the same list at the same moment.
        var until = new DateTime((now + options.Value.ClaimTime).Ticks / 10 * 10, DateTimeKind.Utc).AddTicks(RandomNumberGenerator.GetInt32(1, 10_000_000) * 10L);
        await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && ((m.Status == MessageStatus.Pending && m.NextAttemptAt <= now) || (m.Status == MessageStatus.Sending && m.ClaimedUntil < now)))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Sending).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        return await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Sending && m.ClaimedUntil == until)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private Envelope? Read(OutboxMessage message)
    {
        using var document = System.Text.Json.JsonDocument.Parse(sensitive.Unprotect(message.BodyCipher));
        return Envelope.Parse(document.RootElement);
    }

    private int Apply(List<OutboxMessage> messages, IReadOnlyList<DeliveryAnswer> answers, string partnerName)
    {
        var sent = 0;
        var byIndex = answers.Where(a => a.Index >= 0 && a.Index < messages.Count).GroupBy(a => a.Index).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!byIndex.TryGetValue(i, out var answer) || (answer.Id is { } id && id != message.Id))
            {
                Retry(message, $"{partnerName} did not answer for this message.", permanent: false);
                continue;
            }

            switch (answer.Outcome)
            {
                case DeliveryOutcome.Accepted:
                case DeliveryOutcome.Duplicate:
                    message.Status = MessageStatus.Sent;
                    message.SentAt = Now;
                    message.LastError = null;
                    message.Attempts++;
                    message.ClaimedUntil = null;
                    sent++;
                    break;
                case DeliveryOutcome.Refused when answer.Reason == RefusalReason.UnknownSender:
                    // Keys are exchanged out of band: the partner may not have put this node's key on its list yet.
                    // Retried with back-off, and parked when the attempts run out like any other failure.
                    Retry(message, $"Refused by {partnerName}: {answer.Reason}. {answer.Detail}".Trim(), permanent: false);
                    break;
                default:
                    Park(message, $"Refused by {partnerName}: {answer.Reason}. {answer.Detail}".Trim());
                    break;
            }
        }

        return sent;
    }

    private static string NotSentBecause(TrustDecision decision) => decision switch
    {
        TrustDecision.AgreementNotInForce => "Not sent: the agreement with this partner is not in force.",
        TrustDecision.FlowNotAllowed => "Not sent: the agreement no longer allows this message to this partner.",
        TrustDecision.Allowed or TrustDecision.UnknownKey or TrustDecision.KeyRevoked or _ => "Not sent: the partner is no longer on the trust list.",
    };

    private void Park(OutboxMessage message, string error)
    {
        message.Status = MessageStatus.Parked;
        message.LastError = error.Length > 500 ? error[..500] : error;
        message.Attempts++;
        message.ClaimedUntil = null;
        LogParked(logger, message.Id, message.Attempts, message.LastError);
    }

    private void Retry(OutboxMessage message, string error, bool permanent)
    {
        if (permanent || message.Attempts + 1 >= messaging.Value.MaxAttempts)
        {
            Park(message, error);
            return;
        }

        message.Attempts++;
        message.Status = MessageStatus.Pending;
        message.ClaimedUntil = null;
        message.LastError = error.Length > 500 ? error[..500] : error;
        message.NextAttemptAt = Now + OutboxDelivery.Backoff(messaging.Value, message.Attempts);
        LogRetry(logger, message.Id, message.Attempts, message.LastError);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} to a partner node failed, attempt {Attempt}; will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid id, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {Id} to a partner node parked after attempt {Attempt}: {Error}")]
    private static partial void LogParked(ILogger logger, Guid id, int attempt, string error);
}
