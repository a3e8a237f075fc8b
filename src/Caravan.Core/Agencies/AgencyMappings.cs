using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Agencies;

internal sealed class AgencyMapping : IEntityTypeConfiguration<Agency>
{
    public const string LicenceNumberIndex = "ux_agencies_licence_number";
    public const string NameKeyIndex = "ix_agencies_name_key";

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
        builder.Property(a => a.Phone).HasMaxLength(30);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.GuaranteeCurrency).HasMaxLength(3);
        builder.Property(a => a.StatusReason).HasMaxLength(LicensingRules.MaxReasonLength);
        builder.Property(a => a.NameKey).HasMaxLength(200);
        builder.HasIndex(a => a.LicenceNumber).IsUnique().HasDatabaseName(LicenceNumberIndex);
        builder.HasIndex(a => a.NameKey).HasDatabaseName(NameKeyIndex);
        builder.HasMany(a => a.Destinations).WithOne().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgencyDestinationMapping : IEntityTypeConfiguration<AgencyDestination>
{
    public const string CountryIndex = "ix_agency_destinations_country_code";

    public void Configure(EntityTypeBuilder<AgencyDestination> builder)
    {
        builder.HasKey(d => new { d.AgencyId, d.CountryCode });
        builder.Property(d => d.CountryCode).HasMaxLength(2);
        builder.HasIndex(d => d.CountryCode).HasDatabaseName(CountryIndex);
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
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.StatusReason).HasMaxLength(LicensingRules.MaxReasonLength);
        builder.HasOne(e => e.Agency).WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
