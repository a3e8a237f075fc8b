using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Core.Node;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Exchange;

/// <summary>A message that passed every check, as a handler sees it.</summary>
public sealed record InboundMessage(Envelope Envelope, PartnerNode Partner);

/// <summary>
/// Processes one type of message from partners. It adds its effects to the inbox's unit of work without saving, so a
/// message's effects and its inbox row commit together or not at all. It returns the outcome an administrator reads.
/// </summary>
public interface IExchangeHandler
{
    MessageType Type { get; }

    /// <summary>Called once per delivery with every message of this type that passed the checks, before any is handled: a chance to read what they need in one query.</summary>
    Task PrepareAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The node's inbox for partner messages. Each message is checked in order: a JWS signed by a key on the trust list,
/// not revoked; an envelope addressed to this node from the node that holds the key, in the time window; a flow the
/// agreement allows, in force; a body on the type's whitelist; and an id never processed before. A refusal is logged
/// with its reason and writes nothing else; an accepted message is processed by its handler in the same transaction as
/// its inbox row, which is what makes processing exactly-once however often a message is delivered.
/// </summary>
public sealed partial class ExchangeInbox(
    CaravanDbContext db,
    IEnumerable<IExchangeHandler> handlers,
    TimeProvider time,
    IOptions<NodeOptions> node,
    IOptions<ExchangeOptions> options,
    Messaging.OutboxSignal signal,
    TrustListCache trustList,
    ILogger<ExchangeInbox> logger)
{
    public const int MaxBatch = 1000;

    private static readonly JsonWebTokenHandler Tokens = new();

    private readonly Dictionary<MessageType, IExchangeHandler> byType = handlers.ToDictionary(h => h.Type);

    public async Task<IReadOnlyList<DeliveryAnswer>> ReceiveAsync(IReadOnlyList<string> tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        try
        {
            return await ProcessAsync(tokens, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same message arrived twice at the same moment (a sender's retry racing its first try): the primary
            // key kept one. Run the batch again; the copy is now a replay.
            db.ChangeTracker.Clear();
            return await ProcessAsync(tokens, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<DeliveryAnswer>> ProcessAsync(IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var trust = await trustList.GetAsync(db, cancellationToken);
        var me = Envelope.Address(node.Value.PublicUrl);
        var answers = new DeliveryAnswer[tokens.Count];
        var checkedMessages = new List<(int Index, InboundMessage Message)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (message, refusal) = await CheckAsync(tokens[i], trust, me, now, t => byType.ContainsKey(t) && NodeRoleMessages.Accepts(node.Value.Role, t));
            if (refusal is not null)
            {
                answers[i] = Refuse(i, refusal, now.UtcDateTime);
            }
            else
            {
                checkedMessages.Add((i, message!));
            }
        }

        var ids = checkedMessages.Select(m => m.Message.Envelope.Id).ToList();
        var seen = (await db.Set<InboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var group in checkedMessages.Where(m => !seen.Contains(m.Message.Envelope.Id)).GroupBy(m => m.Message.Envelope.Type))
        {
            await byType[group.Key].PrepareAsync([.. group.Select(m => m.Message)], cancellationToken);
        }
        foreach (var (index, message) in checkedMessages)
        {
            var envelope = message.Envelope;
            if (!seen.Add(envelope.Id))
            {
                // Processed before: the sender is told it arrived, and the copy is logged, but nothing is written.
                Refuse(index, new Refusal(RefusalReason.Replay, "this message id was processed before", envelope.Id, null, message.Partner.Id, envelope.Type), now.UtcDateTime);
                answers[index] = new DeliveryAnswer(index, envelope.Id, DeliveryOutcome.Duplicate);
                continue;
            }

            var outcome = await byType[envelope.Type].HandleAsync(message, cancellationToken);
            Record(message, outcome);
            answers[index] = new DeliveryAnswer(index, envelope.Id, DeliveryOutcome.Accepted, Detail: outcome);
        }

        var replies = db.ChangeTracker.Entries<Messaging.OutboxMessage>().Any(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (replies)
        {
            // A handler queued an answer (a referral's receipt): it leaves now, not at the next scheduled run.
            signal.Kick();
        }

        return answers;
    }

    /// <summary>
    /// Checks one message that is answered in the same request (a verification request, or its answer): the same
    /// checks as a delivery, for the one type expected, and never a message seen before. A refusal is logged here; an
    /// accepted message is returned for the caller to process and record with <see cref="Record"/>.
    /// </summary>
    public async Task<(InboundMessage? Message, DeliveryAnswer? Refusal)> CheckOneAsync(string token, MessageType expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = time.GetUtcNow();
        var trust = await trustList.GetAsync(db, cancellationToken);
        var (message, refusal) = await CheckAsync(token, trust, Envelope.Address(node.Value.PublicUrl), now, t => t == expected);
        if (refusal is null && await db.Set<InboxMessage>().AnyAsync(m => m.Id == message!.Envelope.Id, cancellationToken))
        {
            refusal = new Refusal(RefusalReason.Replay, "this message id was processed before", message!.Envelope.Id, null, message.Partner.Id, message.Envelope.Type);
        }

        if (refusal is not null)
        {
            var answer = Refuse(0, refusal, now.UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return (null, answer);
        }

        return (message, null);
    }

    /// <summary>Adds the inbox row of a message checked by <see cref="CheckOneAsync"/>, for the caller's save.</summary>
    public void Record(InboundMessage message, string outcome)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(outcome);
        db.Add(new InboxMessage
        {
            Id = message.Envelope.Id,
            PartnerId = message.Partner.Id,
            Type = message.Envelope.Type,
            Purpose = message.Envelope.Purpose,
            SentAt = message.Envelope.SentAt.UtcDateTime,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
            Outcome = outcome.Length > 200 ? outcome[..200] : outcome,
        });
    }

    private sealed record Refusal(RefusalReason Reason, string Detail, Guid? MessageId, string? KeyId, Guid? PartnerId, MessageType? Type);

    private async Task<(InboundMessage? Message, Refusal? Refusal)> CheckAsync(string token, TrustSnapshot trust, string me, DateTimeOffset now, Func<MessageType, bool> handled)
    {
        JsonWebToken jwt;
        try
        {
            jwt = token.Length <= 16_000 ? Tokens.ReadJsonWebToken(token) : throw new ArgumentException("too long");
        }
        catch (ArgumentException)
        {
            return (null, new Refusal(RefusalReason.BadSignature, "not a compact JWS", null, null, null, null));
        }

        var unverifiedId = jwt.TryGetPayloadValue<string>("id", out var rawId) && Guid.TryParse(rawId, out var parsedId) ? parsedId : (Guid?)null;
        var kid = jwt.Kid;
        if (string.IsNullOrEmpty(kid) || !trust.Keys.TryGetValue(kid, out var entry))
        {
            return (null, new Refusal(RefusalReason.UnknownSender, "the signing key is not on the trust list", unverifiedId, Trim(kid), null, null));
        }

        var validation = await Tokens.ValidateTokenAsync(token, Signing.SignatureRules.For(entry.SecurityKey, Envelope.TokenType));
        if (!validation.IsValid)
        {
            return (null, new Refusal(RefusalReason.BadSignature, "the signature does not match the sender's key", unverifiedId, kid, entry.Partner.Id, null));
        }

        if (entry.Key.RevokedAt is not null)
        {
            return (null, new Refusal(RefusalReason.KeyRevoked, "the signing key was revoked", unverifiedId, kid, entry.Partner.Id, null));
        }

        Envelope? envelope;
        using (var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)))
        {
            envelope = Envelope.Parse(payload.RootElement);
        }

        if (envelope is null)
        {
            return (null, new Refusal(RefusalReason.SchemaError, "the envelope is incomplete or has unknown fields", unverifiedId, kid, entry.Partner.Id, null));
        }

        Refusal Refused(RefusalReason reason, string detail) => new(reason, detail, envelope.Id, kid, entry.Partner.Id, envelope.Type);
        if (envelope.To != me)
        {
            return (null, Refused(RefusalReason.WrongReceiver, "the message is addressed to another node"));
        }

        if (envelope.From != Envelope.Address(entry.Partner.BaseUrl))
        {
            return (null, Refused(RefusalReason.UnknownSender, "the message names another sender than the key's node"));
        }

        var skew = (envelope.SentAt - now).Duration();
        if (skew > options.Value.ClockSkew)
        {
            return (null, Refused(RefusalReason.StaleTimestamp,
                $"sent at {envelope.SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, received at {now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: more than {options.Value.ClockSkew.TotalSeconds:0} s apart"));
        }

        if (envelope.Version != MessageFields.SchemaVersion)
        {
            return (null, Refused(RefusalReason.SchemaError, $"schema version {envelope.Version} is not supported (only {MessageFields.SchemaVersion})"));
        }

        if (!entry.Partner.InForce(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return (null, Refused(RefusalReason.AgreementNotInForce, "the agreement with the sender is not in force"));
        }

        if (envelope.Purpose != MessagePurposes.Of(envelope.Type) || !trust.Allows(entry.Partner.Id, FlowDirection.Receive, envelope.Type, envelope.Purpose) || !handled(envelope.Type))
        {
            return (null, Refused(RefusalReason.NotAllowed, $"the agreement does not allow {envelope.Type} for {envelope.Purpose} from this sender"));
        }

        var problems = MessageFields.Problems(envelope.Type, envelope.Body);
        if (problems.Count > 0)
        {
            return (null, Refused(RefusalReason.SchemaError, string.Join("; ", problems)));
        }

        return (new InboundMessage(envelope, entry.Partner), null);
    }

    private DeliveryAnswer Refuse(int index, Refusal refusal, DateTime at)
    {
        db.Add(new ExchangeRefusal
        {
            At = at,
            Reason = refusal.Reason,
            MessageId = refusal.MessageId,
            KeyId = refusal.KeyId,
            PartnerId = refusal.PartnerId,
            Type = refusal.Type,
            Detail = refusal.Detail.Length > 500 ? refusal.Detail[..500] : refusal.Detail,
        });
        LogRefused(logger, refusal.MessageId, refusal.Reason, refusal.Detail);
        return new DeliveryAnswer(index, refusal.MessageId, DeliveryOutcome.Refused, refusal.Reason, refusal.Detail);
    }

    private static string? Trim(string? value) => value is { Length: > 100 } ? value[..100] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused partner message {Id}: {Reason} ({Detail})")]
    private static partial void LogRefused(ILogger logger, Guid? id, RefusalReason reason, string detail);
}
