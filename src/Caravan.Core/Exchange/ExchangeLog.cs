using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

public sealed record InboxRow(Guid Id, string Partner, MessageType Type, DateTime SentAt, DateTime ReceivedAt, string Outcome);

public sealed record RefusalRow(DateTime At, RefusalReason Reason, string? Partner, MessageType? Type, Guid? MessageId, string Detail);

/// <summary>What administrators read at /admin/exchange: messages processed, messages refused and why, and the outbox's partner messages by status.</summary>
public sealed class ExchangeLog(CaravanDbContext db)
{
    public const int Take = 50;

    public async Task<IReadOnlyList<InboxRow>> InboxAsync(CancellationToken cancellationToken = default) =>
        await (from m in db.Set<InboxMessage>().AsNoTracking()
               join p in db.Set<PartnerNode>() on m.PartnerId equals p.Id
               orderby m.ReceivedAt descending
               select new InboxRow(m.Id, p.Name, m.Type, m.SentAt, m.ReceivedAt, m.Outcome)).Take(Take).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RefusalRow>> RefusalsAsync(CancellationToken cancellationToken = default) =>
        await (from r in db.Set<ExchangeRefusal>().AsNoTracking()
               join p in db.Set<PartnerNode>() on r.PartnerId equals p.Id into partners
               from p in partners.DefaultIfEmpty()
               orderby r.At descending
               select new RefusalRow(r.At, r.Reason, p == null ? null : p.Name, r.Type, r.MessageId, r.Detail)).Take(Take).ToListAsync(cancellationToken);

    /// <summary>Messages to partners by status: those parked are the dead letters an administrator replays at /admin/messages.</summary>
    public async Task<Dictionary<MessageStatus, int>> OutgoingAsync(CancellationToken cancellationToken = default) =>
        await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Channel == MessageChannel.Node)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
