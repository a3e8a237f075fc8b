using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Agencies;

public class JobScheduleTests
{
    [Fact]
    public async Task A_node_with_jobs_enabled_schedules_the_licence_expiry_job_from_configuration()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Licensing:ExpiryCron"] = "30 1 * * *",
            ["Scorecards:Cron"] = "45 2 * * *",
        });
        _ = app.Server;
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);
        jobs[LicenceExpiryJob.Id].ShouldBe("30 1 * * *");
        jobs[ScorecardJob.Id].ShouldBe("45 2 * * *");
        jobs[DatabaseMaintenanceJob.Id].ShouldBe("40 2 * * *");
    }
}
