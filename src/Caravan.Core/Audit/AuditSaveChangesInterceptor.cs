using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caravan.Core.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted entity in the same SaveChanges,
/// so an audited write and its audit row commit or fail together.
/// </summary>
public sealed class AuditSaveChangesInterceptor(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    public const string Masked = AuditChanges.Masked;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit trail is append-only.");
                }

                continue;
            }

            AuditAction? action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                EntityState.Detached or EntityState.Unchanged => null,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = DescribeChanges(entry, action.Value);
            if (action == AuditAction.Update && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                At = now,
                Actor = actor.Name,
                ActorRole = actor.Role,
                ActorKind = actor.Kind,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = DescribeKey(entry),
                Action = action.Value,
                Changes = AuditChanges.Serialize(changes),
            });
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static Dictionary<string, Dictionary<string, object?>> DescribeChanges(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if ((action == AuditAction.Update && !property.IsModified) || !AuditChanges.IsAudited(property.Metadata.Name))
            {
                continue;
            }

            var from = action == AuditAction.Create ? null : property.OriginalValue;
            var to = action == AuditAction.Delete ? null : property.CurrentValue;
            if (action == AuditAction.Update && Equals(from, to))
            {
                continue;
            }

            changes[property.Metadata.Name] = AuditChanges.Change(property.Metadata, from, to);
        }

        return changes;
    }

    internal static bool IsMasked(PropertyInfo? property, string name) => AuditChanges.IsMasked(property, name);

    private static string DescribeKey(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return string.Empty;
        }

        return string.Join('|', key.Properties.Select(p =>
        {
            var value = entry.Property(p.Name);
            return value.IsTemporary ? "(new)" : Convert.ToString(value.CurrentValue, System.Globalization.CultureInfo.InvariantCulture);
        }));
    }
}
