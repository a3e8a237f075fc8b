using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caravan.Core.Data;

/// <summary>
/// A one-row table whose value changes in the same transaction as anything a cache in memory was read from. A cached
/// copy is used only while the stamp still reads as it did when the copy was made, so every replica sees a change as
/// soon as it reads the stamp again: one read by primary key instead of reading what the cache holds.
/// </summary>
public interface IChangeStamp
{
    int Id { get; set; }

    Guid Value { get; set; }
}

/// <summary>
/// Adds a new value of <typeparamref name="TStamp"/> to every save that adds, changes or deletes an entity of a type the
/// stamp covers, so the stamp commits with the change itself. Registered after the audit interceptor: the stamp is
/// bookkeeping, not a change anyone made.
/// </summary>
public abstract class ChangeStampInterceptor<TStamp>(int rowId, Func<Type, bool> affects) : BeforeSaveInterceptor
    where TStamp : class, IChangeStamp, new()
{
    protected override void BeforeSave(DbContext context)
    {
        if (context.ChangeTracker.Entries<TStamp>().Any()
            || !context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && affects(e.Metadata.ClrType)))
        {
            return;
        }

        // A new random value, so no read is needed first.
        var stamp = context.Attach(new TStamp { Id = rowId });
        stamp.Entity.Value = Guid.NewGuid();
        stamp.Property(s => s.Value).IsModified = true;
    }
}

/// <summary>A save hook that changes the tracked entities just before they are written, the same way whether the save is sync or async.</summary>
public abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }

        return ValueTask.FromResult(result);
    }

    protected abstract void BeforeSave(DbContext context);
}
