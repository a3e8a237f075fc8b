using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Exchange;

/// <summary>Why a partner's message was refused. Every refusal is logged with one, and the sender is told it.</summary>
public enum RefusalReason
{
    /// <summary>Not a JWS, or its signature does not match the key it names.</summary>
    BadSignature,

    /// <summary>Signed with a key that is not on the trust list, or sent in the name of another node.</summary>
    UnknownSender,

    /// <summary>Signed with a key an administrator revoked.</summary>
    KeyRevoked,

    /// <summary>The agreement with the sender has not started, or has ended.</summary>
    AgreementNotInForce,

    /// <summary>The agreement does not let this partner send this type of message, or not for this purpose.</summary>
    NotAllowed,

    /// <summary>The message's time is further from this node's clock than the allowed window.</summary>
    StaleTimestamp,

    /// <summary>A message with this id was received before: it is not processed again.</summary>
    Replay,

    /// <summary>The envelope or the body does not match the published schema (unknown field, missing field, wrong version).</summary>
    SchemaError,

    /// <summary>The message is addressed to another node.</summary>
    WrongReceiver,
}

/// <summary>
/// A message this node processed. Its id is the sender's message id and the primary key, so a message delivered twice
/// is processed once: the second insert fails in the same transaction as the effects of processing.
/// </summary>
public sealed class InboxMessage
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public MessageType Type { get; set; }

    public ExchangePurpose Purpose { get; set; }

    public DateTime SentAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>What processing found, in a word an administrator can read: "recorded", "no matching card", "answered valid".</summary>
    public string Outcome { get; set; } = string.Empty;
}

/// <summary>A message this node refused, and why. Nothing the message carried is kept beyond its id and type.</summary>
public sealed class ExchangeRefusal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTime At { get; set; }

    public RefusalReason Reason { get; set; }

    /// <summary>The message id as the message gave it; unverified when the signature failed.</summary>
    public Guid? MessageId { get; set; }

    public string? KeyId { get; set; }

    public Guid? PartnerId { get; set; }

    public MessageType? Type { get; set; }

    /// <summary>Which check failed, without any of the body's values.</summary>
    public string Detail { get; set; } = string.Empty;
}

internal sealed class InboxMappings : IEntityTypeConfiguration<InboxMessage>, IEntityTypeConfiguration<ExchangeRefusal>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("exchange_inbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Purpose).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Outcome).HasMaxLength(200);
        builder.HasIndex(m => m.ReceivedAt);
    }

    public void Configure(EntityTypeBuilder<ExchangeRefusal> builder)
    {
        builder.ToTable("exchange_refusals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.KeyId).HasMaxLength(100);
        builder.Property(r => r.Detail).HasMaxLength(500);
        builder.HasIndex(r => r.At);
    }
}
