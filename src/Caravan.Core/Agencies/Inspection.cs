using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Agencies;

public enum ViolationSeverity
{
    Minor,
    Serious,
    Critical,
}

/// <summary>
/// One kind of violation an inspector can record. The catalogue is the node's: administrators add and retire
/// entries. Seeded codes have translated names (resource "Violation.{Code}"); added ones show their title as typed.
/// </summary>
public sealed class ViolationType
{
    public required string Code { get; set; }
    public required string Title { get; set; }
    public ViolationSeverity Severity { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>Violations that count as fee violations on the scorecard.</summary>
    public bool IsFeeViolation { get; set; }
}

public enum ProposedSanction
{
    None,
    Warning,
    Suspension,
    Revocation,
}

/// <summary>An inspection of an agency. Its date, violations and proposed sanction are public; the findings text is not.</summary>
public sealed class Inspection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Reference { get; set; }
    public Guid AgencyId { get; set; }
    public DateOnly InspectedOn { get; set; }

    /// <summary>The inspector's notes. Internal: they may name workers.</summary>
    public required string Findings { get; set; }
    public ProposedSanction Sanction { get; set; }

    /// <summary>The date by which the agency must answer a proposed sanction.</summary>
    public DateOnly? ResponseDeadline { get; set; }
    public Guid InspectorId { get; set; }
    public DateTime RecordedAt { get; set; }
    public List<InspectionViolation> Violations { get; set; } = [];
}

public sealed class InspectionViolation
{
    public Guid InspectionId { get; set; }
    public required string ViolationCode { get; set; }
}

internal sealed class ViolationTypeMapping : IEntityTypeConfiguration<ViolationType>
{
    public void Configure(EntityTypeBuilder<ViolationType> builder)
    {
        builder.HasKey(v => v.Code);
        builder.Property(v => v.Code).HasMaxLength(20);
        builder.Property(v => v.Title).HasMaxLength(200);
        builder.Property(v => v.Severity).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class InspectionMapping : IEntityTypeConfiguration<Inspection>
{
    public const string AgencyIndex = "ix_inspections_agency_id_inspected_on";
    public const string ReferenceIndex = "ux_inspections_reference";

    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Reference).HasMaxLength(20);
        builder.Property(i => i.Findings).HasMaxLength(4000);
        builder.Property(i => i.Sanction).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => new { i.AgencyId, i.InspectedOn }).HasDatabaseName(AgencyIndex);
        builder.HasIndex(i => i.Reference).IsUnique().HasDatabaseName(ReferenceIndex);
        builder.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Violations).WithOne().HasForeignKey(v => v.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InspectionViolationMapping : IEntityTypeConfiguration<InspectionViolation>
{
    public void Configure(EntityTypeBuilder<InspectionViolation> builder)
    {
        builder.HasKey(v => new { v.InspectionId, v.ViolationCode });
        builder.Property(v => v.ViolationCode).HasMaxLength(20);
        builder.HasOne<ViolationType>().WithMany().HasForeignKey(v => v.ViolationCode).OnDelete(DeleteBehavior.Restrict);
    }
}
