using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Statistics.Datasets;

internal sealed class StatDatasetMapping : IEntityTypeConfiguration<StatDataset>
{
    public void Configure(EntityTypeBuilder<StatDataset> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(80);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Indicator).HasMaxLength(40);
        builder.Property(d => d.Measure).HasMaxLength(200);
        builder.HasMany(d => d.Versions).WithOne(v => v.Dataset).HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatDatasetVersionMapping : IEntityTypeConfiguration<StatDatasetVersion>
{
    public void Configure(EntityTypeBuilder<StatDatasetVersion> builder)
    {
        builder.HasIndex(v => new { v.DatasetId, v.Number }).IsUnique();
        builder.Property(v => v.Source).HasMaxLength(500);
        builder.Property(v => v.Licence).HasMaxLength(200);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.Property(v => v.FileName).HasMaxLength(260);
        builder.Property(v => v.FileSha256).HasMaxLength(64);
        // One file, one version: the database refuses a second import of the same bytes even from two tabs at once.
        builder.HasIndex(v => v.FileSha256).IsUnique();
        builder.Property(v => v.ImportedBy).HasMaxLength(256);
    }
}

internal sealed class StatObservationMapping : IEntityTypeConfiguration<StatObservation>
{
    public void Configure(EntityTypeBuilder<StatObservation> builder)
    {
        builder.Property(o => o.Origin).HasMaxLength(2);
        builder.Property(o => o.Region).HasMaxLength(10);
        builder.Property(o => o.Destination).HasMaxLength(2);
        builder.Property(o => o.Sex).HasMaxLength(2);
        builder.Property(o => o.AgeBand).HasMaxLength(10);
        builder.Property(o => o.Value).HasPrecision(18, 4);
        builder.HasOne<StatDatasetVersion>().WithMany().HasForeignKey(o => o.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.VersionId, o.Date, o.Origin, o.Region, o.Destination, o.Sex, o.AgeBand }).IsUnique();
    }
}

internal sealed class StatUploadMapping : IEntityTypeConfiguration<StatUpload>
{
    public void Configure(EntityTypeBuilder<StatUpload> builder)
    {
        builder.Property(u => u.FileName).HasMaxLength(260);
        builder.Property(u => u.StorageKey).HasMaxLength(64);
        builder.Property(u => u.Sha256).HasMaxLength(64);
        builder.HasIndex(u => u.Sha256).IsUnique();
        builder.Property(u => u.UploadedBy).HasMaxLength(256);
    }
}
