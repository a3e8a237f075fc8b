using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>Issue 18: a Production node refuses to start with an unsafe configuration, and says which setting to change.</summary>
public class StartupRulesTests
{
    private sealed class Environment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Caravan.Web";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IReadOnlyList<string> Check(Dictionary<string, string?> settings, string environment = "Production")
    {
        var root = Directory.CreateTempSubdirectory("caravan-rules-").FullName;
        try
        {
            return StartupRules.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Environment(environment, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_safe_Production_configuration_passes()
    {
        Check(new()
        {
            ["Node:PublicUrl"] = "https://caravan.migration.uz/",
            ["Messaging:Email:UserName"] = "mailer",
            ["Messaging:Email:Password"] = "x7-Long-Real-Secret",
            ["ConnectionStrings:Caravan"] = "Host=db;Database=caravan;Username=caravan;Password=Qm4-long-random",
        }).ShouldBeEmpty();
    }

    [Fact]
    public void A_key_ring_location_that_cannot_be_written_is_refused()
    {
        // Under a regular file, a folder cannot be made whoever runs the test (root ignores permission bits).
        var file = Path.GetTempFileName();
        try
        {
            var problems = Check(new() { ["DataProtection:KeysPath"] = Path.Combine(file, "keys") });
            problems.ShouldHaveSingleItem().ShouldStartWith("DataProtection:KeysPath");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Messaging:Email:UserName", "mailer", "Messaging:Email:Password is empty")]
    [InlineData("Messaging:Sms:Account", "ops@mehnat.uz", "Messaging:Sms:Password is empty")]
    [InlineData("Messaging:Sms:Password", "changeme", "Messaging:Sms:Password is a placeholder")]
    [InlineData("Messaging:Email:Password", "Demo-Caravan-2026!", "Messaging:Email:Password is a placeholder")]
    [InlineData("DataProtection:CertificatePassword", "   ", "DataProtection:CertificatePassword is a placeholder")]
    [InlineData("ConnectionStrings:Caravan", "Host=db.example;Database=caravan;Username=caravan;Password=...", "ConnectionStrings:Caravan has a placeholder")]
    [InlineData("Node:PublicUrl", "http://caravan.migration.uz/", "Node:PublicUrl must be https")]
    public void Empty_default_or_insecure_settings_are_refused_in_Production(string key, string value, string expected)
    {
        Check(new() { [key] = value }).ShouldContain(p => p.StartsWith(expected, StringComparison.Ordinal));
        // The same settings are a developer's own business on their machine.
        Check(new() { [key] = value }, "Development").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_Production_node_on_https_sets_every_cookie_Secure_HttpOnly_and_SameSite_and_refuses_plain_http()
    {
        await using (var app = new CaravanApp(Caravan.Core.Data.DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Demo:Enabled"] = "false", ["Node:PublicUrl"] = "https://caravan.migration.uz/" }, environment: "Production"))
        {
            var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
            cookie.SecurePolicy.ShouldBe(CookieSecurePolicy.Always);
            cookie.Name.ShouldBe("__Host-caravan.auth");

            // Every cookie the node sets on a form page is Secure and __Host- (Path=/, no Domain), the antiforgery and
            // TempData cookies included; the check reads the real Set-Cookie headers of an https request.
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
            var signIn = await client.GetAsync("/account/sign-in?culture=ru");
            var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
            cookies.ShouldContain(c => c.StartsWith("__Host-caravan.antiforgery=", StringComparison.Ordinal));
            cookies.Where(c => c.StartsWith("__Host-", StringComparison.Ordinal)).ShouldAllBe(c =>
                c.Contains("; secure", StringComparison.OrdinalIgnoreCase) && c.Contains("path=/;", StringComparison.OrdinalIgnoreCase) && !c.Contains("domain=", StringComparison.OrdinalIgnoreCase));
            cookies.Where(c => !c.StartsWith("__Host-", StringComparison.Ordinal)).ShouldAllBe(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

            // HttpOnly everywhere (no script reads a cookie); SameSite by purpose: antiforgery Strict, while the sign-in,
            // TempData and culture cookies are Lax, since links from SMS and e-mail must arrive signed in and in the reader's language.
            cookies.ShouldAllBe(c => c.Contains("; httponly", StringComparison.OrdinalIgnoreCase));
            cookies.Single(c => c.StartsWith("__Host-caravan.antiforgery=", StringComparison.Ordinal)).ShouldContain("samesite=strict", Case.Insensitive);
            cookies.Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)).ShouldContain("samesite=lax", Case.Insensitive);
            cookie.HttpOnly.ShouldBeTrue();
            cookie.SameSite.ShouldBe(SameSiteMode.Lax);
            var tempData = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>>().Value.Cookie;
            tempData.HttpOnly.ShouldBeTrue();
            tempData.SameSite.ShouldBe(SameSiteMode.Lax);
        }

        // A drill on one machine (plain http on loopback) still signs in; anywhere else plain http stops the node.
        StartupRules.SecureCookies(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Node:PublicUrl"] = "http://127.0.0.1:5000/" }).Build(),
            new Environment("Production", Path.GetTempPath())).ShouldBeFalse();
        await using var plain = new CaravanApp(Caravan.Core.Data.DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Demo:Enabled"] = "false", ["Node:PublicUrl"] = "http://caravan.migration.uz/" }, environment: "Production");
        Should.Throw<OptionsValidationException>(() => plain.Services).Message.ShouldContain("Node:PublicUrl must be https");
    }
}
