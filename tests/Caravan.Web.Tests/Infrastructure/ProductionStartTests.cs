using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// The README's production steps, followed literally in separate processes: export ASPNETCORE_ENVIRONMENT=Production,
/// <c>-- migrate</c>, <c>-- create-admin</c>, then <c>dotnet run</c>. The node must be a Production node whatever the
/// launch profile says: no /dev/codes, no demo sign-in, no one-time code in its log; and the printed link must give
/// the first administrator, who is then asked for two-step sign-in.
/// </summary>
public sealed partial class ProductionStartTests
{
    [GeneratedRegex(@"http://\S+/account/invitation/[0-9a-f-]+\?token=\S+")]
    private static partial Regex Link();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_README_production_steps_give_a_production_node_and_its_first_administrator(DatabaseProvider provider)
    {
        await using var gateway = await GatewayStub.StartAsync();
        var dir = Directory.CreateTempSubdirectory("caravan-production-");
        var port = GatewayStub.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Caravan"] = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(dir.FullName, "node.db")}"
                : CaravanApp.NewDatabase(provider),
            ["DataProtection__KeysPath"] = Path.Combine(dir.FullName, "keys"),
            ["Documents__Path"] = Path.Combine(dir.FullName, "documents"),
            ["Node__PublicUrl"] = url.ToString(),
            ["Messaging__Sms__Provider"] = "Http",
            ["Messaging__Sms__Url"] = new Uri(gateway.Url, "send").ToString(),
            ["Messaging__QuickRetries"] = "0",
        };

        var migrate = await NodeProcess.RunAsync(env, "migrate");
        migrate.ExitCode.ShouldBe(0, migrate.Output);
        var created = await NodeProcess.RunAsync(env, "create-admin", "first.admin@mehnat.uz");
        created.ExitCode.ShouldBe(0, created.Output);
        var link = Link().Match(created.Output).Value;
        link.ShouldNotBeNullOrEmpty(created.Output);
        (await NodeProcess.RunAsync(env, "create-admin", "first.admin@mehnat.uz")).ExitCode.ShouldBe(1);

        await using var node = NodeProcess.Start(env, "--urls", url.ToString());
        await node.WaitUntilServingAsync(url);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = url };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var devCodes = await client.GetAsync("/dev/codes");
        devCodes.StatusCode.ShouldBe(HttpStatusCode.NotFound, devCodes.Headers.Location?.OriginalString + node.Output);
        var demo = await client.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = DemoAccounts.AdminEmail, ["Password"] = new DemoOptions().StaffPassword });
        demo.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await demo.TextAsync()).ShouldContain("govuk-error-summary");

        (await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = "+998901234567" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sms = gateway.Requests.ShouldHaveSingleItem();
        var code = Code().Match(sms.Body).Value;
        code.ShouldNotBeNullOrEmpty();

        var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = url };
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var path = new Uri(link).PathAndQuery;
        var token = Uri.UnescapeDataString(new Uri(link).Query.Split("token=")[1]);
        (await admin.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var set = await admin.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = "First-Admin-2026!", ["ConfirmPassword"] = "First-Admin-2026!", ["Token"] = token });
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Production requires two-step sign-in for staff until an administrator decides otherwise.
        var users = await admin.GetAsync("/admin/users");
        users.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        users.Headers.Location!.OriginalString.ShouldBe("/account/manage/two-factor?required=true");

        await node.DisposeAsync();
        node.Output.ShouldContain("Production");
        node.Output.ShouldNotContain("Hosting environment: Development");
        node.Output.ShouldNotContain(code);
        node.Output.ShouldNotContain("901234567");
        admin.Dispose();
        dir.Delete(recursive: true);
    }
}
