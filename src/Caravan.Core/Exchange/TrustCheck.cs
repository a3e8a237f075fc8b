using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

/// <summary>Why a partner's message is accepted or refused; each refusal is logged with this reason (issue 17).</summary>
public enum TrustDecision
{
    Allowed,
    UnknownKey,
    KeyRevoked,
    AgreementNotInForce,
    FlowNotAllowed,
}

/// <summary>
/// Answers, for a signing key id, a direction, a message type and a purpose: may this message pass? Read from the
/// database each time, so a revocation or a changed flow applies to the very next message.
/// </summary>
public sealed class TrustCheck(CaravanDbContext db, TimeProvider time)
{
    /// <summary>For a message received: is its signer on the list, in force, and allowed to send this type for this purpose?</summary>
    public async Task<(TrustDecision Decision, PartnerNode? Partner)> ReceivedAsync(string? keyId, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken = default)
    {
        var key = keyId is null ? null : await db.Set<PartnerKey>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        if (key is null)
        {
            return (TrustDecision.UnknownKey, null);
        }

        var partner = await db.Set<PartnerNode>().AsNoTracking().SingleAsync(p => p.Id == key.PartnerId, cancellationToken);
        if (key.RevokedAt is not null)
        {
            return (TrustDecision.KeyRevoked, partner);
        }

        return (await FlowAsync(partner, FlowDirection.Receive, type, purpose, cancellationToken), partner);
    }

    /// <summary>For a message to send: is the agreement in force, and does it allow this type for this purpose towards the partner?</summary>
    public async Task<TrustDecision> SendingAsync(Guid partnerId, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken = default)
    {
        var partner = await db.Set<PartnerNode>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        return partner is null ? TrustDecision.UnknownKey : await FlowAsync(partner, FlowDirection.Send, type, purpose, cancellationToken);
    }

    private async Task<TrustDecision> FlowAsync(PartnerNode partner, FlowDirection direction, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken)
    {
        if (!partner.InForce(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
        {
            return TrustDecision.AgreementNotInForce;
        }

        var allowed = await db.Set<PartnerFlow>().AnyAsync(f => f.PartnerId == partner.Id && f.Direction == direction && f.Type == type && f.Purpose == purpose, cancellationToken);
        return allowed ? TrustDecision.Allowed : TrustDecision.FlowNotAllowed;
    }
}
