using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Data;

/// <summary>Creates roles and reference data, and demo data when asked. Safe to run on every start.</summary>
public sealed class DatabaseInitializer(CaravanDbContext db, ReferenceDataSeeder reference, DemoSeeder demo, Agencies.ScorecardJob scorecards)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default) =>
        await db.Database.MigrateAsync(cancellationToken);

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
        if (demoOptions.Enabled)
        {
            await demo.SeedAsync(demoOptions, cancellationToken);
        }

        // A new node shows scorecards from its first start rather than after the first nightly run.
        if (!await db.Set<Agencies.AgencyScorecard>().AnyAsync(cancellationToken))
        {
            await scorecards.RunAsync(cancellationToken);
        }

        await new DatabaseMaintenanceJob(db).RunAsync(cancellationToken);
    }
}
