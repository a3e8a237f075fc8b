using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>A referred case as the destination's list shows it, with its summary decrypted for the officer.</summary>
public sealed record ReferredCaseRow(Guid Id, string Partner, string Category, string? City, string? EmployerName, string Summary, string Language, string Status, DateTime ReceivedAt);

/// <summary>
/// The destination's side of case referral: cases partner countries referred to this node's labour inspection, and
/// the status an officer reports back, queued in the same transaction as the change.
/// </summary>
public sealed class ReferredCases(CaravanDbContext db, SensitiveData sensitive, ExchangeOutbox outbox, TimeProvider time)
{
    public async Task<IReadOnlyList<ReferredCaseRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.Set<ReferredCase>().AsNoTracking()
                          join p in db.Set<PartnerNode>() on r.PartnerId equals p.Id
                          orderby r.ReceivedAt descending
                          select new { r, p.Name }).Take(200).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new ReferredCaseRow(x.r.Id, x.Name, x.r.Category, x.r.City, x.r.EmployerName, sensitive.Unprotect(x.r.SummaryCipher), x.r.Language, x.r.Status, x.r.ReceivedAt))];
    }

    /// <summary>Sets a referred case's status and reports it to the referring country. False when the status is not one to report, or the case is unknown.</summary>
    public async Task<(bool Done, TrustDecision Decision)> SetStatusAsync(Guid id, string? status, CancellationToken cancellationToken = default)
    {
        var referred = await db.Set<ReferredCase>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referred is null || status is null || !ReferralStatuses.Reported.Contains(status))
        {
            return (false, TrustDecision.Allowed);
        }

        if (referred.Status == status)
        {
            return (true, TrustDecision.Allowed);
        }

        var queued = await QueueStatusAsync(referred, status, cancellationToken);
        if (!queued.Queued)
        {
            return (false, queued.Decision);
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Send();
        return (true, TrustDecision.Allowed);
    }

    /// <summary>Changes the status and queues its message, without saving: the caller's transaction holds both.</summary>
    internal async Task<QueueResult> QueueStatusAsync(ReferredCase referred, string status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var queued = await outbox.AddAsync(referred.PartnerId, MessageType.CaseStatus, new JsonObject
        {
            ["caseRef"] = referred.CaseRef,
            ["status"] = status,
            ["on"] = DateOnly.FromDateTime(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        if (queued.Queued)
        {
            referred.Status = status;
            referred.UpdatedAt = now;
        }

        return queued;
    }
}

/// <summary>
/// The destination receives a referral: it joins the labour inspection's list, and "received" goes back to the
/// referring country in the same transaction, so the consular officer knows it arrived.
/// </summary>
public sealed class CaseReferralHandler(CaravanDbContext db, SensitiveData sensitive, ReferredCases cases, TimeProvider time) : IExchangeHandler
{
    public MessageType Type => MessageType.CaseReferral;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Envelope.Body;
        var caseRef = (string)body["caseRef"]!;
        if (await db.Set<ReferredCase>().AnyAsync(r => r.PartnerId == message.Partner.Id && r.CaseRef == caseRef, cancellationToken))
        {
            return "already referred";
        }

        var now = time.GetUtcNow().UtcDateTime;
        var referred = new ReferredCase
        {
            PartnerId = message.Partner.Id,
            CaseRef = caseRef,
            Category = (string)body["category"]!,
            Destination = (string)body["destination"]!,
            City = (string?)body["city"],
            EmployerName = (string?)body["employerName"],
            SummaryCipher = sensitive.Protect((string)body["summary"]!),
            Language = (string)body["language"]!,
            Status = ReferralStatuses.Sent,
            ReceivedAt = now,
            UpdatedAt = now,
        };
        db.Add(referred);
        var acknowledged = await cases.QueueStatusAsync(referred, ReferralStatuses.Received, cancellationToken);
        return acknowledged.Queued ? "referral received; receipt queued" : "referral received; the agreement does not allow a receipt back";
    }
}
