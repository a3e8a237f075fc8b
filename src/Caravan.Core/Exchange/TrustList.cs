using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Exchange;

/// <summary>The messages nodes exchange under an agreement (issue 17). Each has its own JSON Schema and field whitelist.</summary>
public enum MessageType
{
    EmploymentRegistered,
    VerificationRequest,
    VerificationAnswer,
    CaseReferral,
    CaseStatus,
    AggregatePublication,
    ActionPlanUpdate,
}

/// <summary>Why a message is exchanged; a message carries exactly one, and only the purposes its agreement names are accepted.</summary>
public enum ExchangePurpose
{
    EmploymentProtection,
    Verification,
    LegalAssistance,
    Statistics,
    Coordination,
}

/// <summary>The purpose each message type is exchanged for under the region's agreements.</summary>
public static class MessagePurposes
{
    public static ExchangePurpose Of(MessageType type) => type switch
    {
        MessageType.EmploymentRegistered => ExchangePurpose.EmploymentProtection,
        MessageType.VerificationRequest or MessageType.VerificationAnswer => ExchangePurpose.Verification,
        MessageType.CaseReferral or MessageType.CaseStatus => ExchangePurpose.LegalAssistance,
        MessageType.AggregatePublication => ExchangePurpose.Statistics,
        MessageType.ActionPlanUpdate => ExchangePurpose.Coordination,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>Which messages each kind of node takes in: a hub holds no personal data, so it takes only aggregates and plans.</summary>
public static class NodeRoleMessages
{
    public static bool Accepts(Node.NodeRole role, MessageType type) => role == Node.NodeRole.Hub
        ? type is MessageType.AggregatePublication or MessageType.ActionPlanUpdate
        : type is not MessageType.AggregatePublication;
}

/// <summary>Seen from this node: what a partner may send to us, and what we may send to it.</summary>
public enum FlowDirection
{
    Receive,
    Send,
}

/// <summary>
/// Another country's node (or the regional hub) this node trusts under a bilateral agreement: where it is, which
/// agreement binds the two, and when that agreement is in force. Its keys and its allowed flows hang off it.
/// </summary>
public sealed class PartnerNode : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>ISO 3166-1 alpha-2 of the partner's country; the regional hub has its host country and <see cref="IsHub"/>.</summary>
    public required string Country { get; set; }

    public required string Name { get; set; }

    /// <summary>The partner's public base address; messages are delivered under it.</summary>
    public required string BaseUrl { get; set; }

    public bool IsHub { get; set; }

    /// <summary>The agreement's name as signed, for example the Uzbekistan–Kazakhstan agreement of 2024.</summary>
    public required string Agreement { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>When the agreement ends; its flows stop that day.</summary>
    public DateOnly? ValidUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<PartnerKey> Keys { get; set; } = [];

    public List<PartnerFlow> Flows { get; set; } = [];

    public Guid Version { get; set; }

    public bool InForce(DateOnly day) => ValidFrom <= day && (ValidUntil is null || day <= ValidUntil);
}

/// <summary>One of a partner's public signing keys, as its JWKS publishes it. Revoking it refuses its messages at once.</summary>
public sealed class PartnerKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    public required string KeyId { get; set; }

    /// <summary>The public key as a JWK (kty EC, crv P-256, x, y); never a private part.</summary>
    public required string PublicJwk { get; set; }

    public DateTime AddedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}

/// <summary>A message type and purpose allowed in one direction with one partner.</summary>
public sealed class PartnerFlow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    public FlowDirection Direction { get; set; }

    public MessageType Type { get; set; }

    public ExchangePurpose Purpose { get; set; }
}

internal sealed class TrustListMappings : IEntityTypeConfiguration<PartnerNode>, IEntityTypeConfiguration<PartnerKey>, IEntityTypeConfiguration<PartnerFlow>
{
    public void Configure(EntityTypeBuilder<PartnerNode> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.BaseUrl).HasMaxLength(300);
        builder.Property(p => p.Agreement).HasMaxLength(300);
        builder.HasMany(p => p.Keys).WithOne().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Flows).WithOne().HasForeignKey(f => f.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PartnerKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.KeyId).HasMaxLength(100);
        builder.Property(k => k.PublicJwk).HasMaxLength(1000);
        builder.Property(k => k.RevokedReason).HasMaxLength(500);
        // A key id names one key on this node's trust list, whoever holds it: a message's kid finds its sender.
        builder.HasIndex(k => k.KeyId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PartnerFlow> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(f => new { f.PartnerId, f.Direction, f.Type, f.Purpose }).IsUnique();
    }
}
