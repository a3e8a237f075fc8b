using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Data;

/// <summary>
/// A record that people edit: every save gives it a new <see cref="Version"/>, and an update succeeds only if the row
/// still has the version that was read. Two officers saving the same record get "someone else changed this" rather than
/// the later silently overwriting the earlier (optimistic concurrency, on SQLite and PostgreSQL alike).
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>Marks every <see cref="IVersioned"/> entity's Version as its concurrency token.</summary>
public static class VersionedConvention
{
    public static void Apply(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }
}

/// <summary>Stamps a new version on every added or changed <see cref="IVersioned"/> entity as it is saved.</summary>
public sealed class VersionStampInterceptor : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                // The original value stays in the UPDATE's WHERE clause; the new one is what the next reader gets.
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }
}
