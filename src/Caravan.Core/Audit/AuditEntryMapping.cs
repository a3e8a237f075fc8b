using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Audit;

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public const string AtIndex = "ix_audit_entries_at";
    public const string EntityIndex = "ix_audit_entries_entity";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.ActorRole).HasMaxLength(40);
        builder.Property(a => a.ActorKind).HasMaxLength(10);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(200);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(a => a.At).HasDatabaseName(AtIndex);
        builder.HasIndex(a => new { a.EntityType, a.EntityId }).HasDatabaseName(EntityIndex);
    }
}
