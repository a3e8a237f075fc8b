using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Credentials;

public enum CredentialKind
{
    DepartureCard,
    TrainingCertificate,
}

/// <summary>
/// A signed statement the node issued about a person: its code, what it says, the JWS that carries it, and whether it
/// was revoked. The public verification page reads this row for a typed code, and for a QR payload after its signature.
/// </summary>
public sealed class Credential
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Random, so codes cannot be counted through: CRV-XXXX-XXXX-XXXX.</summary>
    public required string Code { get; set; }

    public CredentialKind Kind { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The departure or enrolment the statement is about.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The least that lets an officer match the paper to the person in front of them.</summary>
    [PersonalData]
    public required string Initials { get; set; }

    /// <summary>What the statement is about: the destination of a departure, or the course of a certificate.</summary>
    public required string About { get; set; }

    public DateOnly On { get; set; }

    /// <summary>The compact JWS (ES256) the QR holds.</summary>
    public required string Token { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}

internal sealed class CredentialMapping : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => new { c.Kind, c.SubjectId }).IsUnique();
        builder.HasIndex(c => c.PersonId);
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Initials).HasMaxLength(20);
        builder.Property(c => c.About).HasMaxLength(200);
        builder.Property(c => c.Token).HasMaxLength(8000);
        builder.Property(c => c.RevokedReason).HasMaxLength(500);
    }
}

/// <summary>Codes an officer can read aloud and type: no 0/O or 1/I, grouped in fours, 60 random bits.</summary>
public static class CredentialCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"CRV-{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>The code as stored, from what someone typed (spaces, dashes, lower case); null if it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var body = new string([.. typed.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        if (body.StartsWith("CRV", StringComparison.Ordinal))
        {
            body = body[3..];
        }

        return body.Length == 12 && body.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? $"CRV-{body[..4]}-{body[4..8]}-{body[8..]}"
            : null;
    }
}
