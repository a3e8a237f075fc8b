using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Messaging;

public sealed record OutboxRow(Guid Id, MessageChannel Channel, string Template, string RecipientHint, MessageStatus Status, int Attempts, DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>What administrators see and do at /admin/messages: the outbox by status, and a retry for parked messages.</summary>
public sealed class OutboxAdmin(CaravanDbContext db, OutboxDelivery delivery, OutboxSignal signal, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<Dictionary<MessageStatus, int>> CountsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<OutboxMessage>().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<List<OutboxRow>> ListAsync(MessageStatus? status, int page, CancellationToken cancellationToken = default)
    {
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        return await query.OrderByDescending(m => m.CreatedAt).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.Channel, m.Template, m.RecipientHint, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a parked or waiting message back in line and tries it at once. Returns its status afterwards, or null when
    /// there is no such message or it was already sent (a second retry from another tab changes nothing).
    /// </summary>
    public async Task<MessageStatus?> RetryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || message.Status is MessageStatus.Sent or MessageStatus.Sending)
        {
            return null;
        }

        message.Status = MessageStatus.Pending;
        message.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        if (message.Attempts > 0)
        {
            // A fresh run of attempts: a message retried by hand should not park again after one more failure.
            message.Attempts = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (message.Channel == MessageChannel.Node)
        {
            // Partner messages go in the background sender's next batch, which starts now.
            signal.Kick();
            return MessageStatus.Pending;
        }

        return await delivery.TryDeliverAsync(id, cancellationToken) ?? MessageStatus.Pending;
    }
}
