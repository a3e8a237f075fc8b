using Caravan.Web.Infrastructure;

if (args.Contains(DemoRegionCommand.Name, StringComparer.Ordinal))
{
    // Starts the region's demo nodes as processes of their own: this process only supervises them.
    Environment.ExitCode = await DemoRegionCommand.RunAsync(args, LaunchEnvironment.Resolve(Environment.GetEnvironmentVariable));
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = LaunchEnvironment.Resolve(Environment.GetEnvironmentVariable),
});
builder.AddCaravanDefaults();
var app = builder.Build();

if (args.Contains("migrate", StringComparer.Ordinal))
{
    // Production applies migrations once, from one process, before any replica starts serving.
    await app.MigrateAndSeedAsync();
    return;
}

if (args.Contains(ImportCommand.Name, StringComparer.Ordinal))
{
    await app.PrepareDatabaseOnStartAsync();
    Environment.ExitCode = await ImportCommand.RunAsync(app, args);
    return;
}

if (args.Contains(AdminCommand.Name, StringComparer.Ordinal))
{
    await app.PrepareDatabaseOnStartAsync();
    Environment.ExitCode = await AdminCommand.RunAsync(app, args);
    return;
}

if (BackupCommand.Verbs.Any(v => args.Contains(v, StringComparer.Ordinal)))
{
    // No migration or seeding: a backup copies, and a smoke check judges, the database exactly as it is.
    Environment.ExitCode = await BackupCommand.RunAsync(app, args);
    return;
}

if (NodeExportCommand.Verbs.Any(v => args.Contains(v, StringComparer.Ordinal)))
{
    await app.PrepareDatabaseOnStartAsync();
    Environment.ExitCode = await NodeExportCommand.RunAsync(app, args);
    return;
}

if (StatisticsCommand.Verbs.Any(v => args.Contains(v, StringComparer.Ordinal)))
{
    await app.PrepareDatabaseOnStartAsync();
    Environment.ExitCode = await StatisticsCommand.RunAsync(app, args);
    return;
}

await app.PrepareDatabaseOnStartAsync();
app.UseCaravanDefaults();
app.MapCaravanEndpoints();
app.MapCaravanJobs();
await app.RunAsync();

/// <summary>Entry point; public so that integration tests can host the app.</summary>
public partial class Program;
