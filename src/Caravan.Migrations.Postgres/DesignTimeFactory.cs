using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caravan.Migrations.Postgres;

/// <summary>Used only by dotnet-ef to build the PostgreSQL model; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaravanDbContext>
{
    public CaravanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaravanDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=caravan_design");
        return new CaravanDbContext(options.Options);
    }
}
