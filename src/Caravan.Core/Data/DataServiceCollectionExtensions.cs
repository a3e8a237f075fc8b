using Caravan.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Caravan.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Caravan.Migrations.Postgres";

    /// <summary>Registers the one DbContext on the configured provider, with auditing on every save.</summary>
    public static IServiceCollection AddCaravanData(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddDbContext<CaravanDbContext>((sp, options) =>
        {
            Configure(options, provider, connectionString);
            options.AddInterceptors(new VersionStampInterceptor(), new AuditSaveChangesInterceptor(
                sp.GetRequiredService<IAuditActor>(), sp.GetRequiredService<TimeProvider>()));
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        options.UseSnakeCaseNamingConvention();
        // Lazy loading is not enabled; make an accidental N+1 through a missing Include fail loudly instead.
        options.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));
    }
}
