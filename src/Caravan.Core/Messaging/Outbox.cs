using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Messaging;

/// <summary>A message to queue: the text is already in the recipient's language.</summary>
public sealed record MessageDraft(MessageChannel Channel, string Recipient, string Template, string Culture, string Body, bool Security, string? Subject = null);

/// <summary>
/// Puts messages in the node's outbox. <see cref="AddAsync"/> joins the caller's unit of work, so the message is saved in
/// the same transaction as the event; <see cref="SendAsync"/> saves and then tries to deliver at once, leaving the
/// retries to <see cref="OutboxJob"/> when the gateway is down.
/// </summary>
public sealed class Outbox(CaravanDbContext db, SensitiveData sensitive, TimeProvider time, OutboxDelivery delivery)
{
    private readonly List<Guid> added = [];

    /// <summary>Adds the message to the context without saving. Null when the recipient opted out of this kind.</summary>
    public async Task<OutboxMessage?> AddAsync(MessageDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.Security && await OptedOutAsync(draft.Channel, draft.Recipient, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Channel = draft.Channel,
            Template = draft.Template,
            Culture = draft.Culture,
            Security = draft.Security,
            RecipientCipher = sensitive.Protect(draft.Recipient),
            RecipientHint = Recipients.Mask(draft.Channel, draft.Recipient),
            SubjectCipher = draft.Subject is null ? null : sensitive.Protect(draft.Subject),
            BodyCipher = sensitive.Protect(draft.Body),
            Status = MessageStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Add(message);
        added.Add(message.Id);
        return message;
    }

    /// <summary>Delivers, now, the messages this scope added and has saved. Failures stay in the outbox for the job.</summary>
    public async Task DeliverAddedAsync(CancellationToken cancellationToken = default)
    {
        var ids = added.ToList();
        added.Clear();
        foreach (var id in ids)
        {
            await delivery.TryDeliverAsync(id, cancellationToken);
        }
    }

    /// <summary>Queues one message on its own, saves it and tries to deliver it at once.</summary>
    public async Task<OutboxMessage?> SendAsync(MessageDraft draft, CancellationToken cancellationToken = default)
    {
        var message = await AddAsync(draft, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DeliverAddedAsync(cancellationToken);
        return message;
    }

    public Task<bool> OptedOutAsync(MessageChannel channel, string recipient, CancellationToken cancellationToken = default)
    {
        var hash = RecipientHash(channel, recipient);
        return db.Set<MessageOptOut>().AnyAsync(o => o.Channel == channel && o.RecipientHash == hash, cancellationToken);
    }

    /// <summary>Stops or restarts service messages to a recipient. Security messages are always sent.</summary>
    public async Task SetOptOutAsync(MessageChannel channel, string recipient, bool optOut, CancellationToken cancellationToken = default)
    {
        var hash = RecipientHash(channel, recipient);
        var existing = await db.Set<MessageOptOut>().SingleOrDefaultAsync(o => o.Channel == channel && o.RecipientHash == hash, cancellationToken);
        if (optOut && existing is null)
        {
            db.Add(new MessageOptOut { Channel = channel, RecipientHash = hash, At = time.GetUtcNow().UtcDateTime });
        }
        else if (!optOut && existing is not null)
        {
            db.Remove(existing);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private string RecipientHash(MessageChannel channel, string recipient) =>
        Convert.ToHexStringLower(sensitive.KeyedHash("message-opt-out", Recipients.Normalize(channel, recipient)));
}
