using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Vacancies;

internal sealed class VacancyMapping : IEntityTypeConfiguration<Vacancy>
{
    public const string ReferenceIndex = "ux_vacancies_reference";
    public const string PublicListIndex = "ix_vacancies_status_published_at";
    public const string DestinationIndex = "ix_vacancies_destination_country";

    public void Configure(EntityTypeBuilder<Vacancy> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Reference).HasMaxLength(20);
        builder.Property(v => v.IscoCode).HasMaxLength(4);
        builder.Property(v => v.Title).HasMaxLength(200);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Property(v => v.SearchKey).HasMaxLength(4400);
        builder.Property(v => v.DestinationCountry).HasMaxLength(2);
        builder.Property(v => v.City).HasMaxLength(100);
        builder.Property(v => v.ClosedReason).HasMaxLength(VacancyCommands.MaxReasonLength);
        builder.Property(v => v.WageCurrency).HasMaxLength(3);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(v => v.Reference).IsUnique().HasDatabaseName(ReferenceIndex);
        builder.HasIndex(v => new { v.Status, v.PublishedAt }).HasDatabaseName(PublicListIndex);
        builder.HasIndex(v => v.DestinationCountry).HasDatabaseName(DestinationIndex);
        builder.HasOne(v => v.Agency).WithMany().HasForeignKey(v => v.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.Employer).WithMany().HasForeignKey(v => v.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}
