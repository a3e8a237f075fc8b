using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Exchange;

/// <summary>
/// The key two nodes agreed for naming a worker by passport number without sending it: each side keeps it encrypted
/// under its own key ring, and neither ever sends it in a message. An administrator of one node generates it and
/// gives it to the partner's administrator by a channel outside Caravan, who enters it on their node.
/// </summary>
public sealed class PartnerMatchingKey
{
    public Guid PartnerId { get; set; }

    /// <summary>The key, protected by the node's key ring; kept out of the audit trail as a secret.</summary>
    [PersonalData]
    public required string KeyCipher { get; set; }

    public DateTime SetAt { get; set; }
}

/// <summary>
/// One person's passport number under one partner's agreed key, so that an "employment registered" naming the worker
/// by that hash finds them. Derived from the registry (like a search key) and rebuilt from it, so it is not audited;
/// the key change that causes a rebuild is.
/// </summary>
public sealed class PartnerPassportHash
{
    public Guid PartnerId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>HMAC-SHA256 of the normalised number under the agreed key, base64url: what the partner sends.</summary>
    public required string Hash { get; set; }

    /// <summary>The person's own lookup hash when this row was made: a row whose source differs is stale.</summary>
    public required string SourceHash { get; set; }
}

internal sealed class PartnerMatchingKeyMapping : IEntityTypeConfiguration<PartnerMatchingKey>
{
    public void Configure(EntityTypeBuilder<PartnerMatchingKey> builder)
    {
        builder.ToTable("partner_matching_keys");
        builder.HasKey(k => k.PartnerId);
        builder.Property(k => k.KeyCipher).HasMaxLength(1000);
        builder.HasOne<PartnerNode>().WithOne().HasForeignKey<PartnerMatchingKey>(k => k.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerPassportHashMapping : IEntityTypeConfiguration<PartnerPassportHash>
{
    public void Configure(EntityTypeBuilder<PartnerPassportHash> builder)
    {
        builder.ToTable("partner_passport_hashes");
        builder.HasKey(h => new { h.PartnerId, h.PersonId });
        builder.Property(h => h.Hash).HasMaxLength(43);
        builder.Property(h => h.SourceHash).HasMaxLength(64);
        builder.HasIndex(h => new { h.PartnerId, h.Hash });
        builder.HasOne<PartnerNode>().WithMany().HasForeignKey(h => h.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The agreed keyed hash, as both nodes compute it: HMAC-SHA256 under the 32-byte agreed key over
/// "caravan-passport-v1\n" and the number with everything but letters and digits dropped, upper-cased; base64url
/// without padding. docs/exchange.md gives the same recipe for a partner that does not run Caravan.
/// </summary>
public static class PassportHashes
{
    public const int KeyBytes = 32;
    private const string Domain = "caravan-passport-v1\n";

    public static string Compute(ReadOnlySpan<byte> key, string passportNumber)
    {
        ArgumentNullException.ThrowIfNull(passportNumber);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Domain + SensitiveData.NormaliseDocumentNumber(passportNumber)));
        return Base64Url.EncodeToString(mac);
    }

    public static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>A key as an administrator pastes it: base64url (or base64) of exactly 32 bytes, spaces ignored.</summary>
    public static byte[]? ParseKey(string? text)
    {
        var compact = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (compact.Length == 0 || !Base64Url.IsValid(compact))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(compact);
        return bytes.Length == KeyBytes ? bytes : null;
    }
}
