using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Caravan.Core.Data;

/// <summary>Creates roles and reference data, and demo data when asked. Safe to run on every start.</summary>
public sealed partial class DatabaseInitializer(CaravanDbContext db, ReferenceDataSeeder reference, DemoSeeder demo, Agencies.ScorecardJob scorecards, Statistics.StatisticsFolder statistics, Statistics.Datasets.DemoDatasets datasets, Guides.DemoGuides guides, Training.DemoTraining training, Coordination.DemoActionPlans plans, Microsoft.Extensions.Options.IOptions<Node.NodeOptions> node, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (applied.Any(m => !known.Contains(m)))
        {
            throw new PreBaselineDatabaseException();
        }

        var fresh = applied.Count == 0;
        await db.Database.MigrateAsync(cancellationToken);
        if (fresh)
        {
            // A node created from nothing has no records older than its fact kinds, so there is nothing to backfill; saying
            // so now keeps a later backfill from counting seeded or imported records that already wrote their facts.
            var now = DateTime.UtcNow;
            await db.Set<Statistics.FactKindStatus>().Where(s => s.BackfilledAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.BackfilledAt, now), cancellationToken);
        }

        await RefreshSearchKeysAsync(cancellationToken);
    }

    /// <summary>
    /// Search keys are made in code (<see cref="Vacancies.VacancySearchTerms"/>); a migration that changes their form
    /// empties them, and they are made again here, before the node serves a search.
    /// </summary>
    private async Task RefreshSearchKeysAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await db.Set<Vacancies.Vacancy>().Include(v => v.Translations)
                .Where(v => v.SearchKey == string.Empty).OrderBy(v => v.Id).Take(500).ToListAsync(cancellationToken);
            batch.ForEach(v => v.RefreshSearchKey());
            // Every key holds its occupation's tokens, so a batch always leaves the set; the test guards a mistake, not data.
            if (batch.Count == 0 || batch.All(v => v.SearchKey.Length == 0))
            {
                return;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    public async Task SeedAsync(DemoOptions demoOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demoOptions);
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing.OfType<string>(), StringComparer.Ordinal))
        {
            db.Roles.Add(new CaravanRole(role));
        }

        await db.SaveChangesAsync(cancellationToken);
        await reference.SeedAsync(cancellationToken);
        if (node.Value.IsHub)
        {
            // A hub has no registries to fill and no scorecards to compute: only its staff, and what the countries publish.
            if (demoOptions.Enabled)
            {
                await demo.SeedHubAsync(demoOptions, node.Value.Country);
                await plans.SeedAsync(cancellationToken);
            }

            await new DatabaseMaintenanceJob(db).RunAsync(cancellationToken);
            return;
        }

        if (demoOptions.Enabled && !await demo.MaySeedAsync(cancellationToken))
        {
            LogDemoRefused(logger);
        }
        else if (demoOptions.Enabled)
        {
            await demo.SeedAsync(demoOptions, cancellationToken);
            await datasets.SeedAsync(cancellationToken);
            await guides.SeedAsync(cancellationToken);
            await training.SeedAsync(cancellationToken);
            // Demo mode never runs in Production, where several instances could be writing while one starts.
            await statistics.FoldAtStartAsync(cancellationToken);
        }

        // A new node shows scorecards from its first start rather than after the first nightly run.
        if (!await db.Set<Agencies.AgencyScorecard>().AnyAsync(cancellationToken))
        {
            await scorecards.RunAsync(cancellationToken);
        }

        await new DatabaseMaintenanceJob(db).RunAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo:Enabled is set, but this database already holds real records, so no demo data was added.")]
    private static partial void LogDemoRefused(ILogger logger);
}

/// <summary>
/// A database made before the migrations were squashed into one baseline (ADR 0007). No node was deployed then, so
/// there is no upgrade path; the message says what to do.
/// </summary>
public sealed class PreBaselineDatabaseException : InvalidOperationException
{
    public PreBaselineDatabaseException()
        : base("This database was created by a Caravan version from before the migrations were squashed into one baseline (docs/adr/0007). "
            + "It cannot be upgraded in place. A SQLite demo database is recreated on its own when the node starts in Development. "
            + "For any other database: create a new, empty one, run '-- migrate', and load the records again.")
    {
    }

    public PreBaselineDatabaseException(string message) : base(message)
    {
    }

    public PreBaselineDatabaseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
