namespace Caravan.Core.Identity;

/// <summary>
/// A key for a machine client. Only a SHA-256 hash of the secret is stored: the key is high-entropy random,
/// so a fast hash is enough and a lookup by hash stays an index seek.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown so an admin can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public Guid? AgencyId { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the partner node this key belongs to.</summary>
    public string? PartnerNode { get; set; }

    /// <summary>An analyst's key: exact statistics (never person-level data) instead of the disclosure-controlled figures.</summary>
    public bool Analyst { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
