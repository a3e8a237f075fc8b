using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

/// <summary>A vacancy the public may see, with what the search tests: its tokens with a space before each, as the SQL test reads them.</summary>
public sealed record SnapshotVacancy(Guid Id, string DestinationCountry, string IscoCode, string SpacedKey, DateTime? PublishedAt, long? WageUsdCents, bool FeeFree, string? AgencyLicence);

/// <summary>
/// Every vacancy the public may see on a small node, held in memory under the <see cref="ListingStamp"/> and the date
/// it was read with, so that a search the node has not seen before costs no query (docs/performance.md, issue 15).
/// The stamp changes in the same transaction as any change the list shows, and a licence that lapses at midnight
/// changes the date, so the snapshot is never older than the list cache's pages. A node with more than
/// <see cref="VacancySearchOptions.MemoryLimit"/> such vacancies is searched in the database; it is asked again once a
/// minute whether it still has that many.
/// </summary>
public sealed class VacancySearchSnapshot(TimeProvider time) : IDisposable
{
    private static readonly TimeSpan TooLargeRecheck = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim building = new(1, 1);
    private Held? held;

    private sealed record Held(Guid Stamp, DateOnly Day, int Limit, IReadOnlyList<SnapshotVacancy>? Rows, long ReadAt);

    /// <summary>The public vacancies under this stamp and date, or null when the node has more than <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SnapshotVacancy>?> GetAsync(CaravanDbContext db, Guid stamp, DateOnly today, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (limit <= 0)
        {
            return null;
        }

        if (Fresh(Volatile.Read(ref held), stamp, today, limit) is { } current)
        {
            return current.Rows;
        }

        // One request reads while the others wait for it, rather than each reading the same rows at a change.
        await building.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(held, stamp, today, limit) is { } made)
            {
                return made.Rows;
            }

            var rows = await db.Set<Vacancy>().AsNoTracking()
                .Where(v => v.Status == VacancyStatus.Published && v.Agency!.LicenceStatus == LicenceStatus.Valid
                    && (v.Agency.LicenceValidUntil == null || v.Agency.LicenceValidUntil >= today))
                .Select(v => new SnapshotVacancy(v.Id, v.DestinationCountry, v.IscoCode, " " + v.SearchKey, v.PublishedAt, v.WageUsdCents, v.FeeFree, v.Agency!.LicenceNumber))
                .Take(limit + 1)
                .ToListAsync(cancellationToken);
            var next = new Held(stamp, today, limit, rows.Count > limit ? null : rows, time.GetTimestamp());
            Volatile.Write(ref held, next);
            return next.Rows;
        }
        finally
        {
            building.Release();
        }
    }

    private Held? Fresh(Held? candidate, Guid stamp, DateOnly today, int limit)
    {
        if (candidate is null || candidate.Limit != limit || candidate.Day != today)
        {
            return null;
        }

        // A large node stays large between changes; reading limit + 1 rows at each would cost it for nothing.
        return candidate.Stamp == stamp || (candidate.Rows is null && time.GetElapsedTime(candidate.ReadAt) < TooLargeRecheck) ? candidate : null;
    }

    public void Dispose() => building.Dispose();
}
