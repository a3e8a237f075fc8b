using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caravan.Migrations.Sqlite;

/// <summary>Used only by dotnet-ef to build the SQLite model; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaravanDbContext>
{
    public CaravanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaravanDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new CaravanDbContext(options.Options);
    }
}
