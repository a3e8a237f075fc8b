using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caravan.Web.Tests.Pages;

/// <summary>docs/security.md: phone numbers and emails never reach the logs, even at the most verbose level.</summary>
public class LogRedactionTests
{
    [Fact]
    public async Task Signing_in_logs_no_phone_number_or_email()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var phone = "+99899" + Random.Shared.Next(1000000, 9999999);
        var client = logged.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = phone });
        var staff = logged.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await staff.SignInStaffAsync(DemoAccounts.OfficerEmail);
        await staff.GetAsync("/dashboard/officer");

        logs.Lines.Count.ShouldBeGreaterThan(20);
        logs.Lines.ShouldContain(l => l.Contains("Development SMS", StringComparison.Ordinal));
        var digits = phone[4..];
        logs.Lines.ShouldNotContain(l => l.Contains(digits, StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(l => l.Contains(DemoAccounts.OfficerEmail, StringComparison.OrdinalIgnoreCase));
    }
}
