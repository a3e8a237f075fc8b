using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

/// <summary>
/// Administrators set, replace or remove the passport-matching key agreed with a partner. A new key makes every hash
/// made under the old one stale, so the partner's passport index is emptied and rebuilt from the registry.
/// </summary>
public sealed class MatchingKeys(CaravanDbContext db, SensitiveData sensitive, TimeProvider time)
{
    /// <summary>When the key in force was set, or null when none is agreed with this partner.</summary>
    public async Task<DateTime?> SetAtAsync(Guid partnerId, CancellationToken cancellationToken = default) =>
        await db.Set<PartnerMatchingKey>().AsNoTracking().Where(k => k.PartnerId == partnerId).Select(k => (DateTime?)k.SetAt).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The agreed key itself, for hashing; never shown again once set.</summary>
    public async Task<byte[]?> KeyAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var cipher = await db.Set<PartnerMatchingKey>().AsNoTracking().Where(k => k.PartnerId == partnerId).Select(k => k.KeyCipher).SingleOrDefaultAsync(cancellationToken);
        return cipher is null ? null : Convert.FromBase64String(sensitive.Unprotect(cipher));
    }

    /// <summary>Sets the key the partner's administrator gave; the field error is a resource key.</summary>
    public async Task<TrustResult> SetAsync(Guid partnerId, string? text, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<PartnerNode>().AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return TrustResult.Refused("", "Trust.Error.NotFound");
        }

        var key = PassportHashes.ParseKey(text);
        if (key is null)
        {
            return TrustResult.Refused("MatchingKey", "Trust.Error.MatchingKey");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<PartnerPassportHash>().Where(h => h.PartnerId == partnerId).ExecuteDeleteAsync(cancellationToken);
        var row = await db.Set<PartnerMatchingKey>().SingleOrDefaultAsync(k => k.PartnerId == partnerId, cancellationToken);
        if (row is null)
        {
            row = new PartnerMatchingKey { PartnerId = partnerId, KeyCipher = "" };
            db.Add(row);
        }

        row.KeyCipher = sensitive.Protect(Convert.ToBase64String(key));
        row.SetAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TrustResult.Saved(partnerId);
    }

    /// <summary>Makes a new random key, sets it, and returns it once, for the administrator to give the partner.</summary>
    public async Task<(TrustResult Result, string? Key)> GenerateAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var key = PassportHashes.NewKey();
        var result = await SetAsync(partnerId, key, cancellationToken);
        return (result, result.Succeeded ? key : null);
    }

    public async Task<TrustResult> RemoveAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<PartnerMatchingKey>().SingleOrDefaultAsync(k => k.PartnerId == partnerId, cancellationToken);
        if (row is null)
        {
            return TrustResult.Refused("", "Trust.Error.NotFound");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<PartnerPassportHash>().Where(h => h.PartnerId == partnerId).ExecuteDeleteAsync(cancellationToken);
        db.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TrustResult.Saved(partnerId);
    }
}
