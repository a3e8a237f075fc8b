using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity;

/// <summary>Issues, verifies and revokes API keys. The plain key is shown once, at creation, and never stored.</summary>
public sealed class ApiKeyService(CaravanDbContext db, TimeProvider time)
{
    public const string KeyPrefix = "cvn_";

    public async Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, Guid? agencyId, string? partnerNode, DateTime? expiresAt, bool analyst = false, CancellationToken cancellationToken = default)
    {
        if ((agencyId is null ? 0 : 1) + (partnerNode is null ? 0 : 1) + (analyst ? 1 : 0) != 1)
        {
            throw new ArgumentException("An API key is scoped to exactly one agency, one partner node, or analysis.", nameof(agencyId));
        }

        var secret = KeyPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name,
            Prefix = secret[..12],
            SecretHash = Hash(secret),
            AgencyId = agencyId,
            PartnerNode = partnerNode,
            Analyst = analyst,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>The active key for this secret, or null when it is unknown, expired or revoked.</summary>
    public async Task<ApiKey?> FindActiveAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
        return key is not null && key.IsActive(time.GetUtcNow().UtcDateTime) ? key : null;
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The secret is 256 random bits, so a single SHA-256 resists brute force; a slow password hash would only slow lookups.
    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
