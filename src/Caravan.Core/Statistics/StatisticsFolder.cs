using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics;

public sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>
    /// Facts younger than this are left for the next fold. A fact's time is taken before its transaction commits, so a
    /// slow transaction can commit a fact older than one already folded; the lag gives every write time to land.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int FoldLagSeconds { get; set; } = 120;

    /// <summary>Cells under this count, or magnitudes with fewer contributors, are never published.</summary>
    [System.ComponentModel.DataAnnotations.Range(3, 1000)]
    public int Threshold { get; set; } = 10;

    /// <summary>The p of the p% dominance rule for magnitudes.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public decimal DominancePercent { get; set; } = 15m;

    public string FoldCron { get; set; } = "*/5 * * * *";

    /// <summary>Check every published pattern again with a general LP solver; the patterns are exact without it (DisclosureRules).</summary>
    public bool SolverAudit { get; set; }

    /// <summary>Keep each protected table's pattern until the next fold changes the aggregates.</summary>
    public bool CacheTables { get; set; } = true;

    /// <summary>Keep answers in memory until the next fold; off only to measure the uncached cost (bench/).</summary>
    public bool CacheAnswers { get; set; } = true;

    /// <summary>
    /// Most cells kept in memory by the table and answer caches together (a cell is about 150 bytes); the least
    /// recently used go first when it is full.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int CacheCells { get; set; } = 2_000_000;
}

public sealed record FoldResult(long Facts, int Cells, DateTime FoldedThrough, long Version);

/// <summary>
/// Folds new facts into <see cref="StatCell"/>s: everything recorded after the watermark and before now minus the lag,
/// in one transaction with the watermark, so a crash leaves the previous state and the next run resumes from it, and
/// a second run over the same window finds nothing to do. A rebuild empties the cells and folds every fact the same way.
/// </summary>
public sealed class StatisticsFolder(CaravanDbContext db, StatCellWriter writer, IOptions<StatisticsOptions> options, TimeProvider time)
{
    public const string JobId = "statistics-fold";

    private static readonly DateTime Start = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);

    public Task<FoldResult> FoldAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: false, cancellationToken);

    public Task<FoldResult> RebuildAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: true, cancellationToken);

    /// <summary>
    /// Folds every fact written so far, without the lag: only while a node starts, before it serves a request, when
    /// nothing else can be writing facts. A demo node then shows its statistics from the first page rather than after
    /// the first job run.
    /// </summary>
    public Task<FoldResult> FoldAtStartAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: false, cancellationToken, lagSeconds: 0);

    public async Task<StatFoldState> StateAsync(CancellationToken cancellationToken = default) =>
        await db.Set<StatFoldState>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new StatFoldState { FoldedThrough = Start };

    private async Task<FoldResult> RunAsync(bool rebuild, CancellationToken cancellationToken, int? lagSeconds = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var upTo = now.AddSeconds(-(lagSeconds ?? options.Value.FoldLagSeconds));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await LockStateAsync(cancellationToken);
        var from = rebuild ? Start : state.FoldedThrough;
        if (!rebuild && upTo <= from)
        {
            return new FoldResult(0, 0, state.FoldedThrough, state.Version);
        }

        if (rebuild)
        {
            await db.Set<StatCell>().ExecuteDeleteAsync(cancellationToken);
            await db.Set<StatPair>().ExecuteDeleteAsync(cancellationToken);
        }

        var cells = new Dictionary<CellKey, CellTotals>();
        var pairs = new Dictionary<PairKey, CellTotals>();
        long facts = 0;
        var rows = db.Set<Fact>().AsNoTracking()
            .Where(f => f.RecordedAt > from && f.RecordedAt <= upTo)
            .Select(f => new { f.Kind, f.Date, f.Sex, f.AgeBand, f.RegionOfOrigin, f.Destination, f.IscoGroup, f.AgencyId, f.Detail, f.Outcome, f.DaysToFirstContact, f.DaysToClose, f.Amount, f.Earnings })
            .AsAsyncEnumerable();
        await foreach (var f in rows.WithCancellation(cancellationToken))
        {
            facts++;
            var month = (f.Date.Year * 100) + f.Date.Month;
            foreach (var (code, category, value) in Indicators.ContributionsOf(f.Kind, f.Detail, f.Outcome, f.DaysToFirstContact, f.DaysToClose, f.Amount, f.Earnings))
            {
                var indicator = Indicators.Find(code)!;
                string Dim(Dimension d, string? v) => indicator.Allows(d) ? v ?? string.Empty : string.Empty;
                var key = new CellKey(code, month,
                    Dim(Dimension.Sex, f.Sex),
                    Dim(Dimension.AgeBand, f.AgeBand == "unknown" ? null : f.AgeBand),
                    Dim(Dimension.Region, f.RegionOfOrigin),
                    Dim(Dimension.Destination, f.Destination),
                    Dim(Dimension.Occupation, f.IscoGroup),
                    Dim(Dimension.Agency, f.AgencyId?.ToString("N")),
                    Dim(Dimension.Category, category));
                Add(cells, key, value);
                foreach (var (dims, id) in Groupings.Of(code))
                {
                    Add(pairs, new PairKey(code, id, month, dims.Count > 0 ? key.Get(dims[0]) : string.Empty, dims.Count > 1 ? key.Get(dims[1]) : string.Empty), value);
                }
            }
        }

        await writer.MergeAsync(cells, cancellationToken);
        await writer.MergeAsync(pairs, cancellationToken);
        state.FoldedThrough = upTo;
        state.FoldedAt = now;
        if (rebuild)
        {
            state.RebuiltAt = now;
        }

        if (rebuild || facts > 0)
        {
            state.Version++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FoldResult(facts, cells.Count, state.FoldedThrough, state.Version);
    }

    private static void Add<TKey>(Dictionary<TKey, CellTotals> totals, TKey key, decimal value)
        where TKey : notnull
    {
        if (!totals.TryGetValue(key, out var found))
        {
            found = new CellTotals();
            totals.Add(key, found);
        }

        found.Add(value);
    }

    /// <summary>The watermark row, locked on PostgreSQL so two replicas never fold the same window twice.</summary>
    private async Task<StatFoldState> LockStateAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE stat_fold_state IN EXCLUSIVE MODE", cancellationToken);
        }

        var state = await db.Set<StatFoldState>().SingleOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            state = new StatFoldState { FoldedThrough = Start };
            db.Add(state);
        }

        return state;
    }
}
