using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// What a node refuses to start with, in one place. Each rule names the setting to change; a node that breaks any of
/// them stops before it serves a request, since a half-safe node running is worse than none.
/// </summary>
public static class StartupRules
{
    public static IReadOnlyList<string> Check(IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        if (environment.IsProduction() && config.GetValue<bool>(DemoOptions.Section + ":Enabled"))
        {
            problems.Add("Demo mode is refused when ASPNETCORE_ENVIRONMENT=Production: remove Demo:Enabled.");
        }

        if (!environment.IsDevelopment())
        {
            if (config.GetSection(DemoRegionLinker.Section).Exists())
            {
                problems.Add("DemoRegion:Partners trusts whatever answers at those addresses: it runs only in Development, started by demo-region.");
            }

            if (config.GetValue<SmsProvider?>(MessagingOptions.Section + ":Sms:Provider") == SmsProvider.Development)
            {
                problems.Add("Messaging:Sms:Provider=Development keeps one-time codes in memory for anyone to read: it runs only in Development.");
            }

            if (config.GetValue<EmailProvider?>(MessagingOptions.Section + ":Email:Provider") == EmailProvider.Development)
            {
                problems.Add("Messaging:Email:Provider=Development keeps invitation links in memory: it runs only in Development.");
            }
        }

        return problems;
    }

    public static void Enforce(IConfiguration config, IHostEnvironment environment)
    {
        var problems = Check(config, environment);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Startup", typeof(StartupRules), problems);
        }
    }
}
