using System.Text.Json;
using Caravan.Core.Data;

namespace Caravan.Core.Audit;

/// <summary>
/// Records what was refused. A refusal writes no entity, so the save interceptor sees nothing; this puts the attempt,
/// its reason and who made it in the same trail as every write.
/// </summary>
public sealed class AuditRefusals(CaravanDbContext db, IAuditActor actor, TimeProvider time)
{
    public async Task RecordAsync(string entityType, string entityId, string reason, CancellationToken cancellationToken = default)
    {
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor.Name,
            ActorRole = actor.Role,
            ActorKind = actor.Kind,
            EntityType = entityType,
            EntityId = entityId,
            Action = AuditAction.Refused,
            Changes = JsonSerializer.Serialize(new Dictionary<string, string> { ["refused"] = reason }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
