using Caravan.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Caravan.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Caravan.Migrations.Postgres";

    /// <summary>
    /// Registers the one DbContext on the configured provider, with auditing on every save. Contexts are pooled: a new
    /// one costs about 190 µs before its first query, most of a small request (docs/performance.md, issue 15). The
    /// options, and so the interceptors, are built once from the root provider, which is why the audit actor is a
    /// singleton that reads the current request at each save.
    /// </summary>
    public static IServiceCollection AddCaravanData(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddDbContextPool<CaravanDbContext>((sp, options) =>
        {
            Configure(options, provider, connectionString);
            options.AddInterceptors(new VersionStampInterceptor(), new AuditSaveChangesInterceptor(
                sp.GetRequiredService<IAuditActor>(), sp.GetRequiredService<TimeProvider>()),
                new Vacancies.ListingStampInterceptor(sp.GetService<Vacancies.VacancyListingCache>()), new Exchange.TrustListStampInterceptor());
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
