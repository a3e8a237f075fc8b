using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Region;

/// <summary>
/// On a country node: what was last published to a hub for one table and period, by its hash, so a publication
/// sends only the periods whose protected figures changed since.
/// </summary>
public sealed class PublishedAggregate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    public required string Table { get; set; }

    public required string Period { get; set; }

    /// <summary>SHA-256 of the published body, hex.</summary>
    public required string Hash { get; set; }

    public DateTime PublishedAt { get; set; }
}

/// <summary>
/// On the hub: one country's protected table for one period, as it was last published. Cells are kept as they
/// arrived (code, value, status); a hidden cell has no value, so nothing here can undo the country's protection.
/// </summary>
public sealed class RegionalAggregate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    /// <summary>The publishing node's country, from the trust list, never from the message.</summary>
    public required string Country { get; set; }

    public required string Table { get; set; }

    public required string Period { get; set; }

    /// <summary>The cells as JSON: [{"code":"RU","value":120,"status":"published"}, {"code":"KR","status":"suppressed"}, …].</summary>
    public required string Cells { get; set; }

    /// <summary>When the publishing node signed it; a later publication of the same table and period replaces it.</summary>
    public DateTime PublishedAt { get; set; }

    public DateTime ReceivedAt { get; set; }
}

internal sealed class RegionalAggregateMappings : IEntityTypeConfiguration<PublishedAggregate>, IEntityTypeConfiguration<RegionalAggregate>
{
    public void Configure(EntityTypeBuilder<PublishedAggregate> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Table).HasMaxLength(100);
        builder.Property(p => p.Period).HasMaxLength(20);
        builder.Property(p => p.Hash).HasMaxLength(64);
        builder.HasIndex(p => new { p.PartnerId, p.Table, p.Period }).IsUnique();
        builder.HasOne<Exchange.PartnerNode>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RegionalAggregate> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Country).HasMaxLength(2);
        builder.Property(a => a.Table).HasMaxLength(100);
        builder.Property(a => a.Period).HasMaxLength(20);
        builder.Property(a => a.Cells).HasMaxLength(200_000);
        builder.HasIndex(a => new { a.PartnerId, a.Table, a.Period }).IsUnique();
        builder.HasIndex(a => new { a.Table, a.Period });
        builder.HasOne<Exchange.PartnerNode>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
