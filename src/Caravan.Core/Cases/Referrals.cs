using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Cases;

/// <summary>Where a referral to a partner country stands, as the partner reports it (issue 17's case status message).</summary>
public static class ReferralStatuses
{
    public const string Sent = "sent";
    public const string Received = "received";
    public const string InProgress = "inProgress";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    /// <summary>What a destination officer may set, in order.</summary>
    public static readonly IReadOnlyList<string> Reported = [Received, InProgress, Resolved, Closed];
}

/// <summary>
/// A case this (origin) node referred to a partner country's labour inspection or legal aid. The partner knows it only
/// by this referral's id, never by the case's reference or the worker's name; its status comes back by message.
/// </summary>
public sealed class CaseReferral
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid MessageId { get; set; }

    public string Status { get; set; } = ReferralStatuses.Sent;

    /// <summary>The day the partner gave for its last status.</summary>
    public DateOnly? StatusOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A case a partner country referred to this (destination) node, for its labour inspection. It carries what the
/// agreement allows (category, place, employer, a summary written without names) and is answered with status updates.
/// </summary>
public sealed class ReferredCase
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    /// <summary>The referral's id at the origin: how status updates find their way back.</summary>
    public required string CaseRef { get; set; }

    public required string Category { get; set; }

    public required string Destination { get; set; }

    public string? City { get; set; }

    public string? EmployerName { get; set; }

    /// <summary>Written to leave names out, but about a person all the same: encrypted at rest.</summary>
    public string SummaryCipher { get; set; } = string.Empty;

    public required string Language { get; set; }

    public string Status { get; set; } = ReferralStatuses.Received;

    public DateTime ReceivedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ReferralMappings : IEntityTypeConfiguration<CaseReferral>, IEntityTypeConfiguration<ReferredCase>
{
    public void Configure(EntityTypeBuilder<CaseReferral> builder)
    {
        builder.ToTable("case_referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.HasIndex(r => r.CaseId);
        builder.HasOne<LegalCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReferredCase> builder)
    {
        builder.ToTable("referred_cases");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.CaseRef).HasMaxLength(40);
        builder.Property(r => r.Category).HasMaxLength(40);
        builder.Property(r => r.Destination).HasMaxLength(2);
        builder.Property(r => r.City).HasMaxLength(100);
        builder.Property(r => r.EmployerName).HasMaxLength(200);
        builder.Property(r => r.Language).HasMaxLength(10);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.HasIndex(r => new { r.PartnerId, r.CaseRef }).IsUnique();
        builder.HasIndex(r => r.ReceivedAt);
    }
}
