using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;

namespace Caravan.Core.Node.Export;

/// <summary>Writes the audit entry of an export or import, completed, refused or failed, in the trail's usual shape.</summary>
public sealed class NodeExportAudit(CaravanDbContext db, IAuditActor actor, TimeProvider time)
{
    public const string Export = "NodeExport";
    public const string Import = "NodeImport";

    public async Task RecordAsync(string kind, string folder, string outcome, string? message, long? rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        db.ChangeTracker.Clear();
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Folder"] = To(folder),
            ["Outcome"] = To(outcome),
        };
        if (rows is not null)
        {
            changes["Rows"] = To(rows);
        }

        if (message is not null)
        {
            changes["Message"] = To(message);
        }

        db.Set<AuditEntry>().Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor.Name,
            ActorRole = actor.Role,
            ActorKind = actor.Kind,
            EntityType = kind,
            EntityId = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) is { Length: > 0 and <= 200 } name ? name : "node",
            Action = outcome == "refused" ? AuditAction.Refused : AuditAction.Create,
            Changes = JsonSerializer.Serialize(changes),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Dictionary<string, object?> To(object? value) => new(StringComparer.Ordinal) { ["from"] = null, ["to"] = value };
}
