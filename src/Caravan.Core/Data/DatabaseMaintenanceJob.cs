using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Data;

/// <summary>
/// Keeps SQLite's query planner statistics current (PRAGMA optimize), without which it drives text search from
/// the wrong index. PostgreSQL's autovacuum does the same by itself, so there this does nothing.
/// </summary>
public sealed class DatabaseMaintenanceJob(CaravanDbContext db)
{
    public const string Id = "database-maintenance";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // 0x10002: analyse every table whose statistics are missing or stale, however long it takes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }
}
