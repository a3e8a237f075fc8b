namespace Caravan.Core.Audit;

public enum AuditAction
{
    Create,
    Update,
    Delete,

    /// <summary>An attempt that was turned down (an expired invitation, a role that may not be granted): nothing was written but this.</summary>
    Refused,
}

/// <summary>One write to one entity. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public string? ActorRole { get; set; }

    /// <summary>user, api or system.</summary>
    public required string ActorKind { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>Field-level before and after, as JSON: {"Field": {"from": x, "to": y}}. Personal fields are masked.</summary>
    public required string Changes { get; set; }
}

/// <summary>Who is writing: set per request by the web host, "system" otherwise.</summary>
public interface IAuditActor
{
    string Name { get; }
    string? Role { get; }
    string Kind { get; }
}

public sealed class SystemAuditActor : IAuditActor
{
    public string Name => "system";
    public string? Role => null;
    public string Kind => "system";
}
