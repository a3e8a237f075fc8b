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

        if (environment.IsProduction())
        {
            KeyRing(config, environment, problems);
            Secrets(config, problems);
            var url = config.GetValue<Uri?>("Node:PublicUrl");
            if (url is not null && url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            {
                problems.Add("Node:PublicUrl must be https: the sign-in cookie is marked Secure and sent over https only. Plain http is allowed on loopback alone, for a drill on one machine.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Whether the sign-in cookie is marked Secure whatever the request: always, except in Development and on a node
    /// whose public address is plain http on loopback (a drill on one machine); Production refuses plain http elsewhere.
    /// </summary>
    public static bool SecureCookies(IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var url = config.GetValue<Uri?>("Node:PublicUrl");
        return !environment.IsDevelopment() && !(url is not null && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);
    }

    /// <summary>The key ring encrypts every Sensitive field: a node that could not keep its keys would lose them at the first restart.</summary>
    private static void KeyRing(IConfiguration config, IHostEnvironment environment, List<string> problems)
    {
        var path = config.GetValue("DataProtection:KeysPath", "data/keys")!;
        path = Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".write-check-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "");
            File.Delete(probe);
            _ = Directory.EnumerateFiles(path).Take(1).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problems.Add($"DataProtection:KeysPath ({path}) cannot be read and written: {e.Message}");
        }
    }

    /// <summary>Secrets left empty where their account is set, or left at a placeholder from the docs or the demo.</summary>
    private static void Secrets(IConfiguration config, List<string> problems)
    {
        void Require(string accountKey, string secretKey)
        {
            if (!string.IsNullOrWhiteSpace(config[accountKey]) && string.IsNullOrWhiteSpace(config[secretKey]))
            {
                problems.Add($"{secretKey} is empty although {accountKey} is set.");
            }
        }

        Require(MessagingOptions.Section + ":Email:UserName", MessagingOptions.Section + ":Email:Password");
        Require(MessagingOptions.Section + ":Sms:Account", MessagingOptions.Section + ":Sms:Password");
        Require("DataProtection:CertificatePath", "DataProtection:CertificatePassword");
        foreach (var key in new[] { MessagingOptions.Section + ":Email:Password", MessagingOptions.Section + ":Sms:Password", "DataProtection:CertificatePassword" })
        {
            if (IsPlaceholder(config[key]))
            {
                problems.Add($"{key} is a placeholder or default value: set the real secret.");
            }
        }

        var connection = config.GetConnectionString("Caravan");
        if (!string.IsNullOrWhiteSpace(connection))
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = connection;
            }
            catch (ArgumentException)
            {
                return;
            }

            if ((builder.TryGetValue("Password", out var password) || builder.TryGetValue("Pwd", out password)) && IsPlaceholder(password?.ToString()))
            {
                problems.Add("ConnectionStrings:Caravan has a placeholder or default password: set the real one.");
            }
        }
    }

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "...", "changeme", "change-me", "change_me", "password", "secret", "postgres", "caravan", new DemoOptions().StaffPassword,
    };

    private static bool IsPlaceholder(string? value) => value is not null && (value.Trim().Length == 0 || Placeholders.Contains(value.Trim()));

    public static void Enforce(IConfiguration config, IHostEnvironment environment)
    {
        var problems = Check(config, environment);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Startup", typeof(StartupRules), problems);
        }
    }
}
