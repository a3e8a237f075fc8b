using Caravan.Core.Data;

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
/// Answers, for a signing key id, a direction, a message type and a purpose: may this message pass? Read through the
/// stamped trust-list cache, so a revocation or a changed flow applies to the very next message.
/// </summary>
public sealed class TrustCheck(CaravanDbContext db, TrustListCache cache, TimeProvider time)
{
    /// <summary>For a message received: is its signer on the list, in force, and allowed to send this type for this purpose?</summary>
    public async Task<(TrustDecision Decision, PartnerNode? Partner)> ReceivedAsync(string? keyId, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken = default)
    {
        var trust = await cache.GetAsync(db, cancellationToken);
        if (keyId is null || !trust.Keys.TryGetValue(keyId, out var entry))
        {
            return (TrustDecision.UnknownKey, null);
        }

        if (entry.Key.RevokedAt is not null)
        {
            return (TrustDecision.KeyRevoked, entry.Partner);
        }

        return (Flow(trust, entry.Partner, FlowDirection.Receive, type, purpose), entry.Partner);
    }

    /// <summary>For a message to send: is the agreement in force, and does it allow this type for this purpose towards the partner?</summary>
    public async Task<TrustDecision> SendingAsync(Guid partnerId, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken = default) =>
        (await SendingToAsync(partnerId, type, purpose, cancellationToken)).Decision;

    /// <summary>The same, with the partner as the trust list holds it (shared: not to be changed).</summary>
    public async Task<(TrustDecision Decision, PartnerNode? Partner)> SendingToAsync(Guid partnerId, MessageType type, ExchangePurpose purpose, CancellationToken cancellationToken = default)
    {
        var trust = await cache.GetAsync(db, cancellationToken);
        return trust.Partners.TryGetValue(partnerId, out var partner)
            ? (Flow(trust, partner, FlowDirection.Send, type, purpose), partner)
            : (TrustDecision.UnknownKey, null);
    }

    private TrustDecision Flow(TrustSnapshot trust, PartnerNode partner, FlowDirection direction, MessageType type, ExchangePurpose purpose) =>
        !partner.InForce(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) ? TrustDecision.AgreementNotInForce
        : trust.Allows(partner.Id, direction, type, purpose) ? TrustDecision.Allowed
        : TrustDecision.FlowNotAllowed;
}
