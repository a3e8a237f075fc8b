using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Applications;

internal sealed class ApplicationMapping : IEntityTypeConfiguration<JobApplication>
{
    public void Configure(EntityTypeBuilder<JobApplication> builder)
    {
        builder.ToTable("job_application");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.RejectionReason).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.RejectionNote).HasMaxLength(ApplicationRules.MaxNoteLength);
        // The database refuses a second row for the same person and vacancy, even from two requests at once.
        builder.HasIndex(a => new { a.PersonId, a.VacancyId }).IsUnique();
        builder.HasIndex(a => new { a.AgencyId, a.Status, a.AppliedAt });
        builder.HasIndex(a => a.VacancyId);
        builder.HasOne<Vacancies.Vacancy>().WithMany().HasForeignKey(a => a.VacancyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Migrants.Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agencies.Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
