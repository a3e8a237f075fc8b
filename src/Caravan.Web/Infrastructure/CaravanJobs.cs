using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Hangfire;
using Hangfire.PostgreSql;

namespace Caravan.Web.Infrastructure;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this process runs scheduled jobs. Tests switch it off and run jobs directly.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often each process looks for due recurring jobs and for queued work: Hangfire's own default. Lower means
    /// sooner retries for more queries against the database; tests that watch jobs across replicas use a second.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Scheduled work through Hangfire. PostgreSQL nodes keep jobs in PostgreSQL, which gives several replicas one
/// schedule with distributed locks. A SQLite node is one process by design, so it keeps its schedule in memory and
/// re-registers it at start; every job is idempotent, so a restart loses nothing (ADR 0004).
/// </summary>
public static class CaravanJobs
{
    public const string DashboardPath = "/admin/jobs";

    public static IServiceCollection AddCaravanJobs(this IServiceCollection services, IConfiguration config, DatabaseProvider provider, string connectionString)
    {
        var options = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddScoped<LicenceExpiryJob>();
        services.AddScoped<ScorecardJob>();
        services.AddScoped<DatabaseMaintenanceJob>();
        services.AddScoped<Caravan.Core.Cases.SlaJob>();
        services.AddScoped<Caravan.Core.Migrants.Import.PersonImportJob>();
        services.AddScoped<StatisticsFoldJob>();
        services.AddScoped<OutboxDeliveryJob>();
        services.AddScoped<RevocationListsJob>();
        services.AddScoped<TrainingReminders>();
        if (!options.Enabled)
        {
            services.AddSingleton<IImportStarter, ManualImportStarter>();
            return services;
        }

        services.AddSingleton<IImportStarter, HangfireImportStarter>();

        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.Postgres)
            {
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = options.PollingInterval });
            }
            else
            {
                c.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = 2;
            o.SchedulePollingInterval = options.PollingInterval;
        });
        return services;
    }

    /// <summary>Registers the recurring schedules from configuration; called at every start.</summary>
    public static WebApplication MapCaravanJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue(JobsOptions.Section + ":Enabled", true))
        {
            return app;
        }

        // Hangfire's own dashboard, for administrators only (through the same sign-in and two-step gate as every page).
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            AppPath = "/dashboard/admin",
            DisplayStorageConnectionString = false,
            DashboardTitle = "Caravan jobs",
        });
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var licensing = app.Configuration.GetSection(LicensingOptions.Section).Get<LicensingOptions>() ?? new LicensingOptions();
        jobs.AddOrUpdate<LicenceExpiryJob>(LicenceExpiryJob.Id, j => j.RunAsync(CancellationToken.None), licensing.ExpiryCron);
        var scorecards = app.Configuration.GetSection(ScorecardOptions.Section).Get<ScorecardOptions>() ?? new ScorecardOptions();
        jobs.AddOrUpdate<ScorecardJob>(ScorecardJob.Id, j => j.RunAsync(CancellationToken.None), scorecards.Cron);
        var cases = app.Configuration.GetSection(Caravan.Core.Cases.CaseOptions.Section).Get<Caravan.Core.Cases.CaseOptions>() ?? new Caravan.Core.Cases.CaseOptions();
        jobs.AddOrUpdate<Caravan.Core.Cases.SlaJob>(Caravan.Core.Cases.SlaJob.Id, j => j.RunAsync(CancellationToken.None), cases.SlaCron);
        var statistics = app.Configuration.GetSection(Caravan.Core.Statistics.StatisticsOptions.Section).Get<Caravan.Core.Statistics.StatisticsOptions>() ?? new Caravan.Core.Statistics.StatisticsOptions();
        jobs.AddOrUpdate<StatisticsFoldJob>(Caravan.Core.Statistics.StatisticsFolder.JobId, j => j.RunAsync(CancellationToken.None), statistics.FoldCron);
        // Every minute: retries after back-off. A first attempt is made at once by whoever queues the message.
        jobs.AddOrUpdate<OutboxDeliveryJob>(Caravan.Core.Messaging.OutboxJob.Id, j => j.RunAsync(CancellationToken.None), app.Configuration.GetValue("Jobs:OutboxCron", "* * * * *"));
        jobs.AddOrUpdate<RevocationListsJob>(Caravan.Core.Exchange.RevocationRefresh.JobId, j => j.RunAsync(CancellationToken.None), app.Configuration.GetValue("Jobs:RevocationListsCron", "5 * * * *"));
        jobs.AddOrUpdate<PassportIndexJob>(PassportIndexJob.Id, j => j.RunAsync(CancellationToken.None), app.Configuration.GetValue("Jobs:PassportIndexCron", "*/10 * * * *"));
        jobs.AddOrUpdate<TrainingReminders>(Caravan.Core.Training.TrainingReminderJob.Id, j => j.RunAsync(CancellationToken.None), app.Configuration.GetValue("Jobs:TrainingReminderCron", "15 * * * *"));
        jobs.AddOrUpdate<DatabaseMaintenanceJob>(DatabaseMaintenanceJob.Id, j => j.RunAsync(CancellationToken.None), app.Configuration.GetValue("Jobs:MaintenanceCron", "40 2 * * *"));
        return app;
    }
}

/// <summary>The recurring fold; never two at once on one node (PostgreSQL's lock guards replicas as well).</summary>
public sealed class StatisticsFoldJob(Caravan.Core.Statistics.StatisticsFolder folder, Caravan.Core.Region.AggregatePublisher publisher, Caravan.Core.Coordination.PlanValuePublisher values)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await folder.FoldAsync(cancellationToken);
        // What the fold changed reaches the regional hubs; unchanged periods are not sent again.
        await publisher.PublishAsync(cancellationToken);
        await values.PublishAsync(cancellationToken);
    }
}

/// <summary>Claims make each message go out once whoever runs this; no overlap keeps a slow gateway from piling runs up.</summary>
public sealed class OutboxDeliveryJob(Caravan.Core.Messaging.OutboxJob job, Caravan.Core.Exchange.NodeDelivery nodes)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await job.RunAsync(cancellationToken);
        // Messages to partner nodes whose back-off has passed; new ones leave at once through NodeDeliveryWorker.
        await nodes.DeliverDueAsync(cancellationToken);
    }
}

/// <summary>Hourly: every partner's revocation list, for statements checked offline.</summary>
public sealed class RevocationListsJob(Caravan.Core.Exchange.RevocationRefresh refresh)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 1)]
    public Task RunAsync(CancellationToken cancellationToken) => refresh.RefreshAsync(cancellationToken);
}

/// <summary>Every ten minutes: the passport index of each partner with an agreed key follows the registry, so a report rarely has to wait for it.</summary>
public sealed class PassportIndexJob(Caravan.Core.Exchange.PassportIndex index)
{
    public const string Id = "exchange-passport-index";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 1)]
    public Task RunAsync(CancellationToken cancellationToken) => index.CatchUpAllAsync(cancellationToken);
}

/// <summary>Hourly; each reminder is marked as it is queued, so an overlap or a retry sends nothing twice.</summary>
public sealed class TrainingReminders(Caravan.Core.Training.TrainingReminderJob job)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => job.RunAsync(cancellationToken);
}

/// <summary>The job dashboard can trigger and delete jobs: administrators only, and never anyone signed in by API key.</summary>
public sealed class AdministratorsOnly : Hangfire.Dashboard.IDashboardAuthorizationFilter
{
    public bool Authorize(Hangfire.Dashboard.DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: not ApiKeyAuthentication.SchemeName } && user.IsInRole(Caravan.Core.Identity.Roles.Admin);
    }
}
