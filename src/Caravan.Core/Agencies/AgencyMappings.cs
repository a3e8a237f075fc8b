using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Agencies;

internal sealed class AgencyMapping : IEntityTypeConfiguration<Agency>
{
    public const string LicenceNumberIndex = "ux_agencies_licence_number";

    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.RegistrationNumber).HasMaxLength(40);
        builder.Property(a => a.LicenceNumber).HasMaxLength(20);
        builder.Property(a => a.LicenceStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CountryCode).HasMaxLength(2);
        builder.Property(a => a.RegionCode).HasMaxLength(10);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.HasIndex(a => a.LicenceNumber).IsUnique().HasDatabaseName(LicenceNumberIndex);
    }
}

internal sealed class ForeignEmployerMapping : IEntityTypeConfiguration<ForeignEmployer>
{
    public void Configure(EntityTypeBuilder<ForeignEmployer> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.CountryCode).HasMaxLength(2);
        builder.Property(e => e.RegistrationId).HasMaxLength(60);
        builder.Property(e => e.Sector).HasMaxLength(120);
        builder.HasOne(e => e.Agency).WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
