using System.Net;
using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>Hangfire's dashboard at /admin/jobs: administrators see the node's recurring jobs; nobody else gets in.</summary>
public sealed class JobDashboardTests
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Only_administrators_reach_the_job_dashboard(DatabaseProvider provider)
    {
        await using var app = new CaravanApp(provider, new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });

        (await app.Browser().GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetAsync("/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var recurring = await admin.GetAsync("/admin/jobs/recurring");
        recurring.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await recurring.TextAsync();
        page.ShouldContain("outbox-delivery");
        page.ShouldContain("case-sla");
        // A third-party page with inline script: it gets the relaxed policy, and only it.
        recurring.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("'unsafe-inline'");
        (await admin.GetAsync("/admin/users")).Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain("unsafe-inline");
    }
}
