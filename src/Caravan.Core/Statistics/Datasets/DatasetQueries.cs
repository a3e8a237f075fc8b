using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>Imported datasets as the analyst's list and the dataset page read them.</summary>
public sealed class DatasetQueries(CaravanDbContext db)
{
    public const int MaxObservations = 500;

    public async Task<IReadOnlyList<StatDataset>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Set<StatDataset>().AsNoTracking().Include(d => d.Versions).OrderBy(d => d.Title).ToListAsync(cancellationToken);

    /// <summary>Datasets whose figures measure the indicator, so they can stand beside it.</summary>
    public async Task<IReadOnlyList<StatDataset>> ForIndicatorAsync(string indicator, CancellationToken cancellationToken = default) =>
        await db.Set<StatDataset>().AsNoTracking().Include(d => d.Versions).Where(d => d.Indicator == indicator).OrderBy(d => d.Title).ToListAsync(cancellationToken);

    public async Task<StatDataset?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        await db.Set<StatDataset>().AsNoTracking().Include(d => d.Versions).FirstOrDefaultAsync(d => d.Code == code, cancellationToken);

    /// <summary>A version's figures in a stable order, the first <see cref="MaxObservations"/> of them.</summary>
    public async Task<IReadOnlyList<StatObservation>> ObservationsAsync(int versionId, CancellationToken cancellationToken = default) =>
        await db.Set<StatObservation>().AsNoTracking().Where(o => o.VersionId == versionId)
            .OrderBy(o => o.Date).ThenBy(o => o.Origin).ThenBy(o => o.Region).ThenBy(o => o.Destination).ThenBy(o => o.Sex).ThenBy(o => o.AgeBand)
            .Take(MaxObservations).ToListAsync(cancellationToken);

    /// <summary>The staff names of importers recorded as audit actors ("user:{id}"); others are shown as recorded.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ImportersAsync(IEnumerable<string> actors, CancellationToken cancellationToken = default)
    {
        var ids = actors.Select(a => a.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(a[5..], out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => "user:" + u.Id, u => u.DisplayName ?? u.UserName ?? u.Id.ToString(), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<StatObservation>> AllObservationsAsync(int versionId, CancellationToken cancellationToken = default) =>
        await db.Set<StatObservation>().AsNoTracking().Where(o => o.VersionId == versionId).ToListAsync(cancellationToken);
}
