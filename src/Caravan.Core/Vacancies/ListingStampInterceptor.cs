using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caravan.Core.Vacancies;

/// <summary>
/// Writes a new <see cref="ListingStamp"/> with every save that changes what the public list shows, in the same
/// transaction, and tells this process's <see cref="VacancyListingCache"/> to read the stamp again once it is saved
/// or committed. A process without the cache (the command line) still writes the stamp. Registered after the audit interceptor: the stamp is bookkeeping, not a change anyone made.
/// </summary>
public sealed class ListingStampInterceptor(VacancyListingCache? cache)
    : Data.ChangeStampInterceptor<ListingStamp>(ListingStamp.RowId, ListingStamp.Affects), IDbTransactionInterceptor
{
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
}
