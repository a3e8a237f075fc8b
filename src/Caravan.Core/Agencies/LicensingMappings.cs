using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Agencies;

internal sealed class LicenceApplicationMapping : IEntityTypeConfiguration<LicenceApplication>
{
    public const string ReferenceIndex = "ux_licence_applications_reference";
    public const string StatusIndex = "ix_licence_applications_status";
    public const string ApplicantIndex = "ix_licence_applications_applicant_id";

    public void Configure(EntityTypeBuilder<LicenceApplication> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Reference).HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.LegalName).HasMaxLength(200);
        builder.Property(a => a.RegistrationNumber).HasMaxLength(40);
        builder.Property(a => a.RegionCode).HasMaxLength(10);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.Property(a => a.Phone).HasMaxLength(30);
        builder.Property(a => a.GuaranteeCurrency).HasMaxLength(3);
        builder.Property(a => a.DecisionReason).HasMaxLength(LicensingRules.MaxReasonLength);
        builder.HasIndex(a => a.Reference).IsUnique().HasDatabaseName(ReferenceIndex);
        builder.HasIndex(a => a.Status).HasDatabaseName(StatusIndex);
        builder.HasIndex(a => a.ApplicantId).HasDatabaseName(ApplicantIndex);
        builder.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LicenceDocumentMapping : IEntityTypeConfiguration<LicenceDocument>
{
    public void Configure(EntityTypeBuilder<LicenceDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(60);
        builder.Property(d => d.StorageKey).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
    }
}

internal sealed class LicenceEventMapping : IEntityTypeConfiguration<LicenceEvent>
{
    public const string AgencyIndex = "ix_licence_events_agency_id_at";

    public void Configure(EntityTypeBuilder<LicenceEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(LicensingRules.MaxReasonLength);
        builder.HasIndex(e => new { e.AgencyId, e.At }).HasDatabaseName(AgencyIndex);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
