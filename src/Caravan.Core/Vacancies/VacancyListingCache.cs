using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Caravan.Core.Vacancies;

/// <summary>
/// Pages of the public vacancy list, kept under the <see cref="ListingStamp"/> they were read with. Each list
/// request checks the stamp: from memory when this process changed nothing and read it less than a second ago, else
/// from the database. So a change made here shows at once, and a change made by another replica within a second.
/// On a small node a search is almost all fixed cost (docs/performance.md, issue 15), and most requests repeat a few
/// searches: the front page, each destination, the common words.
/// </summary>
public sealed class VacancyListingCache(TimeProvider time) : IDisposable
{
    /// <summary>How long a stamp read from the database is trusted when nothing changed here: the lag of other replicas.</summary>
    public static readonly TimeSpan StampLifetime = TimeSpan.FromSeconds(1);

    /// <summary>Vacancies held in all pages together: about 1 KB each, so some 20 MB.</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache pages = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly Lock gate = new();
    private (Guid Value, long ReadAt) stamp;
    private bool changed = true;

    /// <summary>This process saved or committed something: the next list request reads the stamp again.</summary>
    public void MarkChanged()
    {
        lock (gate)
        {
            changed = true;
        }
    }

    public async Task<PagedResult<VacancyListItem>> GetOrAddAsync(CaravanDbContext db, object key, Func<Task<PagedResult<VacancyListItem>>> search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var entry = (await StampAsync(db, cancellationToken), key);
        if (pages.TryGetValue(entry, out PagedResult<VacancyListItem>? page) && page is not null)
        {
            return page;
        }

        page = await search();
        pages.Set(entry, page, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, page.Items.Count),
            // Pages under an old stamp are never asked for again; this only returns their memory sooner.
            SlidingExpiration = TimeSpan.FromMinutes(5),
        });
        return page;
    }

    /// <summary>The listing stamp: from memory when this process changed nothing and read it less than a second ago.</summary>
    public async Task<Guid> StampAsync(CaravanDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            if (!changed && time.GetElapsedTime(stamp.ReadAt, now) < StampLifetime)
            {
                return stamp.Value;
            }

            // Cleared before the read, so a change marked while it runs makes the next request read again; and the
            // stamp held is dropped, so no request trusts it while this read is under way.
            changed = false;
            stamp = (stamp.Value, 0);
        }

        // At most once a second when nothing changes here, so an ordinary query: a compiled one is bound to one model.
        var value = await db.Set<ListingStamp>().Where(s => s.Id == ListingStamp.RowId).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        lock (gate)
        {
            stamp = (value, now);
        }

        return value;
    }

    public void Dispose() => pages.Dispose();
}
