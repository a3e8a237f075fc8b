using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>A referral as the case file shows it.</summary>
public sealed record ReferralRow(Guid Id, string Partner, string PartnerCountry, string Status, DateOnly? StatusOn, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>What referring a case gave: the referral, or why not.</summary>
public enum ReferResult
{
    Referred,
    NotAllowed,
    SummaryRequired,
    SummaryTooLong,
    PartnerRequired,
    AgreementRefused,
}

/// <summary>
/// The origin's side of case referral (issue 17): a consular officer who may manage a case refers it to a partner
/// country's labour inspection. The referral, its timeline entry and its message are saved together; the partner's
/// status updates come back through <see cref="CaseStatusHandler"/>.
/// </summary>
public sealed class CaseReferrals(CaravanDbContext db, CaseAccessRules access, CaseTimeline timeline, ExchangeOutbox outbox, TrustListQueries partners, TimeProvider time)
{
    public const int MaxSummary = 4000;

    public Task<IReadOnlyList<PartnerNode>> PartnersAsync(CancellationToken cancellationToken = default) => partners.SendingAsync(MessageType.CaseReferral, cancellationToken);

    public async Task<IReadOnlyList<ReferralRow>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        await (from r in db.Set<CaseReferral>().AsNoTracking()
               join p in db.Set<PartnerNode>() on r.PartnerId equals p.Id
               where r.CaseId == caseId
               orderby r.CreatedAt descending
               select new ReferralRow(r.Id, p.Name, p.Country, r.Status, r.StatusOn, r.CreatedAt, r.UpdatedAt)).ToListAsync(cancellationToken);

    public async Task<(ReferResult Result, TrustDecision Decision)> ReferAsync(LegalCase c, Guid? partnerId, string? summary, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!await access.CanManageAsync(c, actor, cancellationToken))
        {
            return (ReferResult.NotAllowed, TrustDecision.Allowed);
        }

        if (partnerId is null)
        {
            return (ReferResult.PartnerRequired, TrustDecision.Allowed);
        }

        var text = summary?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return (ReferResult.SummaryRequired, TrustDecision.Allowed);
        }

        if (text.Length > MaxSummary)
        {
            return (ReferResult.SummaryTooLong, TrustDecision.Allowed);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var referral = new CaseReferral { CaseId = c.Id, PartnerId = partnerId.Value, CreatedAt = now, UpdatedAt = now };
        var body = new JsonObject
        {
            ["caseRef"] = referral.Id.ToString(),
            ["category"] = c.Category.ToString(),
            ["destination"] = c.CountryCode,
            ["summary"] = text,
            ["language"] = c.Language,
        };
        if (!string.IsNullOrWhiteSpace(c.City))
        {
            body["city"] = c.City;
        }

        if (!string.IsNullOrWhiteSpace(c.EmployerName))
        {
            body["employerName"] = c.EmployerName;
        }

        var queued = await outbox.AddAsync(partnerId.Value, MessageType.CaseReferral, body, cancellationToken);
        if (!queued.Queued)
        {
            return (ReferResult.AgreementRefused, queued.Decision);
        }

        referral.MessageId = queued.MessageId!.Value;
        db.Add(referral);
        var partner = await db.Set<PartnerNode>().AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync(cancellationToken);
        db.Add(timeline.Event(c, CaseEventKind.Referred, actor, null, partner));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Send();
        return (ReferResult.Referred, TrustDecision.Allowed);
    }
}

/// <summary>The origin receives a partner's status for a referral it made: the referral shows it, and the case's timeline records it.</summary>
public sealed class CaseStatusHandler(CaravanDbContext db, CaseTimeline timeline) : IExchangeHandler
{
    public MessageType Type => MessageType.CaseStatus;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Envelope.Body;
        var referral = Guid.TryParse((string?)body["caseRef"], out var id)
            ? await db.Set<CaseReferral>().SingleOrDefaultAsync(r => r.Id == id && r.PartnerId == message.Partner.Id, cancellationToken)
            : null;
        if (referral is null)
        {
            return "no such referral";
        }

        referral.Status = (string)body["status"]!;
        referral.StatusOn = DateOnly.ParseExact((string)body["on"]!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        referral.UpdatedAt = message.Envelope.SentAt.UtcDateTime;
        var c = await db.Set<LegalCase>().SingleAsync(x => x.Id == referral.CaseId, cancellationToken);
        db.Add(timeline.Event(c, CaseEventKind.Referred, null, null, $"{message.Partner.Name}: {referral.Status}"));
        return "status " + referral.Status;
    }
}
