using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Cases;

internal sealed class CaseMapping : IEntityTypeConfiguration<LegalCase>
{
    public void Configure(EntityTypeBuilder<LegalCase> builder)
    {
        // "case" is an SQL keyword; a plain name keeps hand-written SQL and psql sessions simple.
        builder.ToTable("legal_case");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(20);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CountryCode).HasMaxLength(2);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.EmployerName).HasMaxLength(200);
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.RecoveredCurrency).HasMaxLength(3);
        builder.Property(c => c.OutcomeReason).HasMaxLength(500);
        builder.Property(c => c.ReferredTo).HasMaxLength(200);
        builder.Property(c => c.ExternalReference).HasMaxLength(100);
        builder.Property(c => c.TrackingHash).HasMaxLength(64);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => c.SubmissionKey).IsUnique();
        builder.HasIndex(c => c.TrackingHash).IsUnique();
        // Queue pages: one team's open cases, most urgent first.
        builder.HasIndex(c => new { c.TeamId, c.Status, c.Priority, c.FirstContactDueAt });
        // Supervisors' dashboards count open cases only, by columns kept in the index itself, so PostgreSQL answers from
        // the index without visiting the table (the filter and the included columns are ignored where unsupported).
        builder.HasIndex(c => c.TeamId, "ix_legal_case_open_by_team")
            .HasFilter("status = 'Open'")
            .IncludeProperties(c => new { c.Category, c.OpenedAt, c.FirstContactAt, c.FirstContactDueAt, c.ResolutionDueAt });
        builder.HasIndex(c => new { c.Status, c.EscalatedAt, c.FirstContactDueAt });
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasIndex(c => c.PersonId);
        builder.HasIndex(c => new { c.AgencyId, c.ClosedAt });
        builder.HasOne<CaseTeam>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ForeignEmployer>().WithMany().HasForeignKey(c => c.EmployerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaravanUser>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEventMapping : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(200);
        builder.HasIndex(e => new { e.CaseId, e.At });
        builder.HasOne<LegalCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseAttachmentMapping : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.StorageKey).HasMaxLength(32);
        builder.Property(a => a.ContentType).HasMaxLength(40);
        builder.HasIndex(a => a.CaseId);
        builder.HasOne<LegalCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseGrantMapping : IEntityTypeConfiguration<CaseGrant>
{
    public void Configure(EntityTypeBuilder<CaseGrant> builder)
    {
        builder.HasKey(g => new { g.CaseId, g.UserId });
        builder.HasOne<LegalCase>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaravanUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTeamMapping : IEntityTypeConfiguration<CaseTeam>
{
    public void Configure(EntityTypeBuilder<CaseTeam> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.CountryCode).HasMaxLength(2);
        builder.Property(t => t.City).HasMaxLength(100);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTeamMemberMapping : IEntityTypeConfiguration<CaseTeamMember>
{
    public void Configure(EntityTypeBuilder<CaseTeamMember> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<CaravanUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SanctionProposalMapping : IEntityTypeConfiguration<SanctionProposal>
{
    public void Configure(EntityTypeBuilder<SanctionProposal> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.DecisionNote).HasMaxLength(1000);
        builder.HasIndex(p => new { p.AgencyId, p.Status });
        builder.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}
