using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Exchange;

/// <summary>A partner's details as an administrator enters them.</summary>
public sealed record PartnerInput(string? Country, string? Name, string? BaseUrl, bool IsHub, string? Agreement, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <summary>The outcome of a trust-list change: the row's id, or each field with the resource key of its reason.</summary>
public sealed record TrustResult(Guid? Id, IReadOnlyList<(string Field, string Error)> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static TrustResult Saved(Guid id) => new(id, []);

    public static TrustResult Refused(string field, string error) => new(null, [(field, error)]);
}

/// <summary>
/// Administrators keep the trust list: partners, their public keys and the flows allowed each way. Every change goes
/// through the audited save. A revoked key stays on the list, marked, so a message signed with it is refused and the
/// refusal can say why.
/// </summary>
public sealed class TrustListCommands(CaravanDbContext db, TimeProvider time)
{
    public const int MaxReason = 500;

    public async Task<TrustResult> SavePartnerAsync(Guid? id, Guid? seenVersion, PartnerInput input, IReadOnlySet<string> countries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(countries);
        var errors = new List<(string, string)>();
        var country = input.Country?.Trim().ToUpperInvariant();
        if (country is null || !countries.Contains(country))
        {
            errors.Add(("Country", "Trust.Error.Country"));
        }

        Text(errors, "Name", input.Name, 200);
        Text(errors, "Agreement", input.Agreement, 300);
        if (!Uri.TryCreate(input.BaseUrl?.Trim(), UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || url.AbsoluteUri.Length > 300)
        {
            // Plain http only on loopback, for a demo region on one machine; between countries it is always https.
            errors.Add(("BaseUrl", "Trust.Error.BaseUrl"));
        }

        if (input.ValidFrom is null)
        {
            errors.Add(("ValidFrom", "Trust.Error.ValidFrom"));
        }
        else if (input.ValidUntil is { } until && until < input.ValidFrom)
        {
            errors.Add(("ValidUntil", "Trust.Error.ValidUntil"));
        }

        if (errors.Count > 0)
        {
            return new TrustResult(null, errors);
        }

        PartnerNode partner;
        if (id is { } existing)
        {
            var found = await db.Set<PartnerNode>().SingleOrDefaultAsync(p => p.Id == existing, cancellationToken);
            if (found is null)
            {
                return TrustResult.Refused("", "Trust.Error.NotFound");
            }

            if (found.Version != seenVersion)
            {
                return TrustResult.Refused("", "Records.ChangedMeanwhile");
            }

            partner = found;
        }
        else
        {
            partner = new PartnerNode { Country = country!, Name = "", BaseUrl = "", Agreement = "", CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Add(partner);
        }

        partner.Country = country!;
        partner.Name = input.Name!.Trim();
        partner.BaseUrl = url!.AbsoluteUri;
        partner.IsHub = input.IsHub;
        partner.Agreement = input.Agreement!.Trim();
        partner.ValidFrom = input.ValidFrom!.Value;
        partner.ValidUntil = input.ValidUntil;
        await db.SaveChangesAsync(cancellationToken);
        return TrustResult.Saved(partner.Id);
    }

    /// <summary>Adds a partner's public key from its JWK: ES256 only (EC P-256), with a key id, and never a private part.</summary>
    public async Task<TrustResult> AddKeyAsync(Guid partnerId, string? jwk, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<PartnerNode>().AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return TrustResult.Refused("", "Trust.Error.NotFound");
        }

        JsonWebKey key;
        try
        {
            key = new JsonWebKey(jwk ?? string.Empty);
        }
        catch (ArgumentException)
        {
            return TrustResult.Refused("Jwk", "Trust.Error.JwkUnreadable");
        }

        if (!string.IsNullOrEmpty(key.D))
        {
            return TrustResult.Refused("Jwk", "Trust.Error.JwkPrivate");
        }

        if (key.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || key.Crv != JsonWebKeyECTypes.P256 || string.IsNullOrEmpty(key.X) || string.IsNullOrEmpty(key.Y)
            || string.IsNullOrWhiteSpace(key.Kid) || key.Kid.Length > 100)
        {
            return TrustResult.Refused("Jwk", "Trust.Error.JwkNotEs256");
        }

        if (await db.Set<PartnerKey>().AnyAsync(k => k.KeyId == key.Kid, cancellationToken))
        {
            return TrustResult.Refused("Jwk", "Trust.Error.JwkDuplicate");
        }

        // Only the public members are kept, whatever else the pasted text held.
        var stored = System.Text.Json.JsonSerializer.Serialize(new { kty = key.Kty, crv = key.Crv, x = key.X, y = key.Y, kid = key.Kid, use = "sig", alg = "ES256" });
        var row = new PartnerKey { PartnerId = partnerId, KeyId = key.Kid, PublicJwk = stored, AddedAt = time.GetUtcNow().UtcDateTime };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TrustResult.Saved(row.Id);
    }

    /// <summary>Revokes a partner's key from this moment: messages signed with it are refused from now on.</summary>
    public async Task<TrustResult> RevokeKeyAsync(Guid partnerId, Guid keyId, string? reason, CancellationToken cancellationToken = default)
    {
        var key = await db.Set<PartnerKey>().SingleOrDefaultAsync(k => k.Id == keyId && k.PartnerId == partnerId, cancellationToken);
        if (key is null)
        {
            return TrustResult.Refused("", "Trust.Error.NotFound");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason)
        {
            return TrustResult.Refused("Reason", "Trust.Error.Reason");
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            key.RevokedReason = reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TrustResult.Saved(key.Id);
    }

    /// <summary>Replaces the partner's allowed flows with exactly these, one audited row added or removed per change.</summary>
    public async Task<TrustResult> SetFlowsAsync(Guid partnerId, IReadOnlyCollection<(FlowDirection Direction, MessageType Type, ExchangePurpose Purpose)> flows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (!await db.Set<PartnerNode>().AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return TrustResult.Refused("", "Trust.Error.NotFound");
        }

        var wanted = flows.Where(f => Enum.IsDefined(f.Direction) && Enum.IsDefined(f.Type) && Enum.IsDefined(f.Purpose)).ToHashSet();
        var current = await db.Set<PartnerFlow>().Where(f => f.PartnerId == partnerId).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(f => !wanted.Contains((f.Direction, f.Type, f.Purpose))));
        foreach (var (direction, type, purpose) in wanted.Where(w => !current.Any(f => (f.Direction, f.Type, f.Purpose) == w)))
        {
            db.Add(new PartnerFlow { PartnerId = partnerId, Direction = direction, Type = type, Purpose = purpose });
        }

        await db.SaveChangesAsync(cancellationToken);
        return TrustResult.Saved(partnerId);
    }

    private static void Text(List<(string, string)> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, "Trust.Error.Required"));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add((field, "Trust.Error.TooLong"));
        }
    }
}
