using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Messaging;

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public const string DueIndex = "ix_outbox_messages_due";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Template).HasMaxLength(100);
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.RecipientHint).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.ProviderId).HasMaxLength(100);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt }).HasDatabaseName(DueIndex);
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class MessageOptOutMapping : IEntityTypeConfiguration<MessageOptOut>
{
    public void Configure(EntityTypeBuilder<MessageOptOut> builder)
    {
        builder.ToTable("message_opt_outs");
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.RecipientHash).HasMaxLength(64);
        builder.HasIndex(m => new { m.Channel, m.RecipientHash }).IsUnique();
    }
}
