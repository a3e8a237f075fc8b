using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caravan.Core.Vacancies;

/// <summary>
/// Writes a new <see cref="ListingStamp"/> with every save that changes what the public list shows, in the same
/// transaction, and tells this process's <see cref="VacancyListingCache"/> to read the stamp again once it is saved
/// or committed. A process without the cache (the command line) still writes the stamp. Registered after the audit interceptor: the stamp is bookkeeping, not a change anyone made.
/// </summary>
public sealed class ListingStampInterceptor(VacancyListingCache? cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        cache?.MarkChanged();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        cache?.MarkChanged();
        return ValueTask.FromResult(result);
    }

    // A save inside an explicit transaction is seen by others only at its commit: read the stamp again then too.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => cache?.MarkChanged();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        cache?.MarkChanged();
        return Task.CompletedTask;
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null || context.ChangeTracker.Entries<ListingStamp>().Any())
        {
            return;
        }

        var changed = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ListingStamp.Affects(e.Metadata.ClrType));
        if (changed)
        {
            Touch(context);
        }
    }

    /// <summary>Adds the stamp's update to the context's next save: a new random value, so no read is needed first.</summary>
    internal static void Touch(DbContext context)
    {
        var stamp = context.Attach(new ListingStamp { Id = ListingStamp.RowId });
        stamp.Entity.Value = Guid.NewGuid();
        stamp.Property(s => s.Value).IsModified = true;
    }
}
