using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Reference;

internal sealed class CountryMapping : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.HasKey(c => c.Alpha2);
        builder.Property(c => c.Alpha2).HasMaxLength(2);
        builder.Property(c => c.Alpha3).HasMaxLength(3);
        builder.Property(c => c.Numeric).HasMaxLength(3);
        builder.Property(c => c.NameEn).HasMaxLength(120);
        builder.HasMany(c => c.Names).WithOne().HasForeignKey(n => n.CountryCode);
    }
}

internal sealed class CountryNameMapping : IEntityTypeConfiguration<CountryName>
{
    public void Configure(EntityTypeBuilder<CountryName> builder)
    {
        builder.HasKey(n => new { n.CountryCode, n.Language });
        builder.Property(n => n.CountryCode).HasMaxLength(2);
        builder.Property(n => n.Language).HasMaxLength(10);
        builder.Property(n => n.Name).HasMaxLength(160);
    }
}

internal sealed class SubdivisionMapping : IEntityTypeConfiguration<Subdivision>
{
    public const string CountryIndex = "ix_subdivisions_country_code";

    public void Configure(EntityTypeBuilder<Subdivision> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(10);
        builder.Property(s => s.CountryCode).HasMaxLength(2);
        builder.Property(s => s.ParentCode).HasMaxLength(10);
        builder.Property(s => s.Name).HasMaxLength(160);
        builder.HasIndex(s => s.CountryCode).HasDatabaseName(CountryIndex);
    }
}

internal sealed class CurrencyMapping : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(3);
        builder.Property(c => c.Number).HasMaxLength(3);
        builder.Property(c => c.Name).HasMaxLength(120);
    }
}

internal sealed class IscoGroupMapping : IEntityTypeConfiguration<IscoGroup>
{
    public const string ParentIndex = "ix_isco_groups_parent_code";

    public void Configure(EntityTypeBuilder<IscoGroup> builder)
    {
        builder.ToTable("isco_groups");
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasMaxLength(4);
        builder.Property(g => g.ParentCode).HasMaxLength(4);
        builder.Property(g => g.TitleEn).HasMaxLength(200);
        builder.HasIndex(g => g.ParentCode).HasDatabaseName(ParentIndex);
    }
}

internal sealed class IscoTitleMapping : IEntityTypeConfiguration<IscoTitle>
{
    public void Configure(EntityTypeBuilder<IscoTitle> builder)
    {
        builder.ToTable("isco_titles");
        builder.HasKey(t => new { t.Code, t.Language });
        builder.Property(t => t.Code).HasMaxLength(4);
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.HasOne<IscoGroup>().WithMany().HasForeignKey(t => t.Code).OnDelete(DeleteBehavior.Cascade);
    }
}
