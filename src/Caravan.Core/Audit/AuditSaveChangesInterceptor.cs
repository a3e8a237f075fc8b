using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
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
    public const string Masked = "***";

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    // Secrets and identity bookkeeping that are not marked [PersonalData] but must never be copied into the trail.
    private static readonly HashSet<string> MaskedNames = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash", "NormalizedEmail", "NormalizedUserName",
        "ProviderKey", "Value", "ClaimValue", "PhoneNumber", "Email", "UserName",
    };

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
                Changes = JsonSerializer.Serialize(changes, JsonOptions),
            });
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static Dictionary<string, Dictionary<string, object?>> DescribeChanges(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (action == AuditAction.Update && !property.IsModified)
            {
                continue;
            }

            var from = action == AuditAction.Create ? null : property.OriginalValue;
            var to = action == AuditAction.Delete ? null : property.CurrentValue;
            if (action == AuditAction.Update && Equals(from, to))
            {
                continue;
            }

            var masked = IsMasked(property.Metadata.PropertyInfo, property.Metadata.Name);
            changes[property.Metadata.Name] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["from"] = masked && from is not null ? Masked : from,
                ["to"] = masked && to is not null ? Masked : to,
            };
        }

        return changes;
    }

    internal static bool IsMasked(PropertyInfo? property, string name) =>
        MaskedNames.Contains(name) || property?.GetCustomAttribute<PersonalDataAttribute>(inherit: true) is not null;

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
