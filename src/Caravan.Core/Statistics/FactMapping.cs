using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Statistics;

internal sealed class FactMapping : IEntityTypeConfiguration<Fact>
{
    public void Configure(EntityTypeBuilder<Fact> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Sex).HasMaxLength(1);
        builder.Property(f => f.AgeBand).HasMaxLength(10);
        builder.Property(f => f.RegionOfOrigin).HasMaxLength(10);
        builder.Property(f => f.Destination).HasMaxLength(2);
        builder.Property(f => f.IscoGroup).HasMaxLength(1);
        builder.Property(f => f.Detail).HasMaxLength(24);
        builder.Property(f => f.Priority).HasMaxLength(8);
        builder.Property(f => f.Outcome).HasMaxLength(20);
        builder.Property(f => f.Amount).HasPrecision(18, 2);
        builder.Property(f => f.Earnings).HasPrecision(18, 2);
        builder.HasIndex(f => new { f.Kind, f.Date });
        // The fold reads facts in recording order from its watermark.
        builder.HasIndex(f => f.RecordedAt);
    }
}
