using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Signing;

/// <summary>
/// One of the node's ES256 signing keys. Exactly one is active and signs; after a rotation the one before still
/// verifies what it signed until <see cref="ValidUntil"/>, then it is dropped from the published key set. The private
/// key is kept protected by the node's Data Protection key ring, so a copy of the database alone cannot sign.
/// </summary>
public sealed class NodeSigningKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The key's RFC 7638 thumbprint: the "kid" of everything it signs and of its entry in the JWKS.</summary>
    public required string KeyId { get; set; }

    /// <summary>The public key as a JWK (kty, crv, x, y): what partners and verifiers read.</summary>
    public required string PublicJwk { get; set; }

    /// <summary>The PKCS#8 private key, protected by Data Protection (purpose <see cref="NodeKeyRing.Purpose"/>).</summary>
    public required string ProtectedPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>True for the one key that signs now. A unique index over the true values keeps it to one.</summary>
    public bool Active { get; set; }

    /// <summary>When a newer key took over; null while active.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>The end of the overlap: after it, nothing signed with this key verifies. Null while active.</summary>
    public DateTime? ValidUntil { get; set; }

    public bool VerifiesAt(DateTime now) => Active || ValidUntil > now;
}

internal sealed class NodeSigningKeyMapping : IEntityTypeConfiguration<NodeSigningKey>
{
    public void Configure(EntityTypeBuilder<NodeSigningKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.KeyId).HasMaxLength(64);
        builder.HasIndex(k => k.KeyId).IsUnique().HasDatabaseName("ux_node_signing_keys_key_id");
        builder.Property(k => k.PublicJwk).HasMaxLength(400);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(2000);
        builder.HasIndex(k => k.Active).IsUnique().HasFilter("active").HasDatabaseName("ux_node_signing_keys_active");
    }
}
