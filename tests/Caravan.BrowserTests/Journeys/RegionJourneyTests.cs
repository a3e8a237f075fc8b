using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Caravan.Core.Training;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// The demo region on real loopback ports, linked as demo-region links it (each node reads the others' published JWKS),
/// talking over real HTTP: the Uzbek node, the Kazakh node and the regional secretariat's hub.
/// </summary>
public sealed class RegionNodes : IAsyncLifetime
{
    private sealed record Partner(string Country, string Name, Uri Url, bool IsHub = false);

    // Each node's warnings and errors, for the message of a wait that runs out.
    private readonly Dictionary<CaravanApp, LogRecorder> logs = [];

    public CaravanApp Uz { get; private set; } = null!;

    public CaravanApp Kz { get; private set; } = null!;

    public CaravanApp Hub { get; private set; } = null!;

    public Uri KzUrl { get; private set; } = null!;

    public Uri UzUrl { get; private set; } = null!;

    public Uri HubUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        UzUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        KzUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        HubUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var uz = new Partner("UZ", "Migration Agency (Uzbekistan)", UzUrl);
        var kz = new Partner("KZ", "Enbek (Kazakhstan)", KzUrl);
        var hub = new Partner("KZ", "Regional hub", HubUrl, IsHub: true);
        Uz = Start("UZ", UzUrl, hub: false, kz, hub);
        Kz = Start("KZ", KzUrl, hub: false, uz, hub);
        Hub = Start("KZ", HubUrl, hub: true, uz, kz);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!(await LinkedAsync(Uz, 2) && await LinkedAsync(Kz, 2) && await LinkedAsync(Hub, 2)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the three nodes did not link within 120 s");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Sends everything a node has queued for its partners now. A message the partner refused while it did not yet know
    /// this node is waiting out its back-off; it is made due at once, as the next run would make it.
    /// </summary>
    public static Task<int> FlushAsync(CaravanApp app) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CaravanDbContext>();
        await db.Set<Caravan.Core.Messaging.OutboxMessage>()
            .Where(m => m.Channel == Caravan.Core.Messaging.MessageChannel.Node && m.Status == Caravan.Core.Messaging.MessageStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        return await sp.GetRequiredService<NodeDelivery>().DeliverDueAsync();
    });

    /// <summary>What each node holds and still has to send, for a failure message.</summary>
    public static async Task<string> DescribeAsync(RegionNodes region)
    {
        var lines = new List<string>();
        foreach (var (name, app) in new[] { ("UZ", region.Uz), ("KZ", region.Kz), ("Hub", region.Hub) })
        {
            lines.Add(await app.WithDbAsync(async d =>
            {
                var plans = await d.Set<Caravan.Core.Coordination.ActionPlan>().CountAsync();
                var aggregates = await d.Set<Caravan.Core.Region.RegionalAggregate>().Select(a => a.PartnerId).Distinct().CountAsync();
                var keys = await d.Set<PartnerKey>().Select(k => k.PartnerId).Distinct().CountAsync();
                var outbox = await d.Set<Caravan.Core.Messaging.OutboxMessage>().Where(m => m.Channel == Caravan.Core.Messaging.MessageChannel.Node)
                    .Select(m => new { m.Template, m.Status, m.Attempts, m.LastError }).ToListAsync();
                var warnings = string.Join("\n    ", region.logs[app].Entries.TakeLast(20));
                return $"{name}: plans {plans}, hub tables from {aggregates} partners, keys of {keys} partners; outbox: "
                    + string.Join("; ", outbox.GroupBy(m => (m.Template, m.Status, m.LastError)).Select(g => $"{g.Count()} {g.Key.Template} {g.Key.Status} after {g.Max(m => m.Attempts)} ({g.Key.LastError})"))
                    + "\n  warnings:\n    " + warnings;
            }));
        }

        return string.Join("\n", lines);
    }

    private static Task<bool> LinkedAsync(CaravanApp app, int partners) => app.WithDbAsync(async d => await d.Set<PartnerKey>().Select(k => k.PartnerId).Distinct().CountAsync() >= partners);

    private CaravanApp Start(string country, Uri self, bool hub, params Partner[] partners)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Node:Country"] = country,
            ["Node:Role"] = hub ? "Hub" : "Country",
            ["Node:PublicUrl"] = self.AbsoluteUri,
        };
        for (var i = 0; i < partners.Length; i++)
        {
            settings[$"DemoRegion:Partners:{i}:Country"] = partners[i].Country;
            settings[$"DemoRegion:Partners:{i}:Name"] = partners[i].Name;
            settings[$"DemoRegion:Partners:{i}:Url"] = partners[i].Url.AbsoluteUri;
            settings[$"DemoRegion:Partners:{i}:IsHub"] = partners[i].IsHub ? "true" : "false";
        }

        var log = new LogRecorder(LogLevel.Warning, keep: 200);
        var app = new CaravanApp(DatabaseProvider.Sqlite, settings, fromTemplate: false, services: s => s.AddSingleton<ILoggerProvider>(log));
        logs[app] = log;
        app.UseKestrel(self.Port);
        app.StartServer();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await Uz.DisposeAsync();
        await Kz.DisposeAsync();
        await Hub.DisposeAsync();
    }
}

/// <summary>Issue 17: in a browser, a Kazakh officer verifies an Uzbek training certificate and an Uzbek agency's licence for Kazakhstan, from QR payloads and online.</summary>
[Collection(nameof(BrowserJourneys))]
public partial class RegionJourneyTests(BrowserFixture fixture, RegionNodes region) : IClassFixture<RegionNodes>
{
    [GeneratedRegex("id=\"statement-token\">([^<]+)<")]
    private static partial Regex StatementToken();

    [Fact]
    public async Task A_Kazakh_officer_verifies_an_Uzbek_certificate_and_licence_in_a_browser()
    {
        // At the Uzbek node: a certificate it signed, and an agency licensed for Kazakhstan with its signed statement.
        var certificate = await region.Uz.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var now = DateTime.UtcNow;
            var person = new Person
            {
                Reference = "RGN-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                Status = PersonStatus.Active,
                Channel = RegistrationChannel.Assisted,
                GivenName = "Jasur",
                FamilyName = "Rakhimov",
                GivenKey = "JASUR",
                FamilyKey = "RAKHIMOV",
                CreatedAt = now,
                RegisteredAt = now,
                UpdatedAt = now,
            };
            db.Add(person);
            var code = CredentialCodes.New();
            var token = await sp.GetRequiredService<NodeSigner>().SignAsync(TrainingCertificates.TokenType,
                new CertificatePayload(code, "J. R.", "Rights and law in Kazakhstan", "KZ", DateOnly.FromDateTime(now), "UZ"));
            db.Add(new Credential
            {
                Code = code,
                Kind = CredentialKind.TrainingCertificate,
                PersonId = person.Id,
                SubjectId = Guid.NewGuid(),
                Initials = "J. R.",
                About = "Rights and law in Kazakhstan",
                On = DateOnly.FromDateTime(now),
                Token = token,
                IssuedAt = now,
            });
            var agency = await db.Set<Agency>().Include(a => a.Destinations).Where(a => a.LicenceStatus == LicenceStatus.Valid).OrderBy(a => a.LicenceNumber).FirstAsync();
            if (!agency.Destinations.Any(d => d.CountryCode == "KZ"))
            {
                agency.Destinations.Add(new AgencyDestination { AgencyId = agency.Id, CountryCode = "KZ" });
            }

            await db.SaveChangesAsync();
            return (Code: code, Token: token, Licence: agency.LicenceNumber!);
        });
        var licencePage = await region.Uz.CreateClient().GetStringAsync($"/agencies/{certificate.Licence}");
        var licenceToken = StatementToken().Match(licencePage).Groups[1].Value.Trim();

        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync(new Uri(region.KzUrl, "/account/sign-in?culture=ru").AbsoluteUri);
        await page.FillAsync("#Email", DemoAccounts.OfficerEmail);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard"));
        await page.GotoAsync(new Uri(region.KzUrl, "/exchange/verify").AbsoluteUri);
        await page.InspectAsync("region-verify-ru");

        // The certificate's QR payload: signature checked against the trust list, then the Uzbek node asked over HTTP.
        await page.FillAsync("#Code", certificate.Token);
        await page.ClickAsync("#check");
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-verdict", "Valid");
        (await page.GetAttributeAsync("#statement", "data-check")).ShouldBe("Valid");
        (await page.InnerTextAsync("#statement")).ShouldContain(certificate.Code);
        await page.InspectAsync("region-verify-certificate-ru");

        // The licence's QR payload: licensed for Kazakhstan.
        await page.FillAsync("#Code", licenceToken);
        await page.ClickAsync("#check");
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-verdict", "Valid");
        (await page.InnerTextAsync("#statement")).ShouldContain(certificate.Licence);

        // Typed, online only: a code the Uzbek node never issued.
        await page.FillAsync("#Code", "CRV-2222-3333-4444");
        await page.CheckAsync("#Subject-Certificate");
        await page.ClickAsync("#check");
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-verdict", "Unknown");
        await page.InspectAsync("region-verify-unknown-ru");
    }

    /// <summary>Issue 17: the hub shows the region from both countries' publications, and the joint plan is reported on from a country's node.</summary>
    [Fact]
    public async Task The_secretariat_sees_the_region_and_a_Kazakh_officer_reports_on_the_joint_plan()
    {
        // What the linkers queue as the nodes meet: the countries' tables for the hub, the hub's plan for the countries.
        // A linker may still be queueing when the keys are in place, so this waits for the outcome, not for one round.
        async Task<bool> ArrivedAsync() =>
            await region.Uz.WithDbAsync(d => d.Set<Caravan.Core.Coordination.ActionPlan>().AnyAsync(p => p.Code == Caravan.Core.Coordination.DemoActionPlans.Code))
            && await region.Kz.WithDbAsync(d => d.Set<Caravan.Core.Coordination.ActionPlan>().AnyAsync(p => p.Code == Caravan.Core.Coordination.DemoActionPlans.Code))
            && await region.Hub.WithDbAsync(d => d.Set<Caravan.Core.Region.RegionalAggregate>().Select(a => a.PartnerId).Distinct().CountAsync()) == 2;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var flushed = DateTime.MinValue;
        while (!await ArrivedAsync())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the plan and the countries' tables did not arrive within 90 s:\n" + await RegionNodes.DescribeAsync(region));
            // Every flush of a refused message spends one of its six attempts, so they are spread over the wait rather
            // than spent in the first seconds, while a partner may still be putting this node on its list.
            if (DateTime.UtcNow - flushed > TimeSpan.FromSeconds(3))
            {
                await RegionNodes.FlushAsync(region.Uz);
                await RegionNodes.FlushAsync(region.Kz);
                await RegionNodes.FlushAsync(region.Hub);
                flushed = DateTime.UtcNow;
            }

            await Task.Delay(250);
        }

        var page = await fixture.NewPageAsync(width: 1024);
        await page.GotoAsync(new Uri(region.HubUrl, "/?culture=en").AbsoluteUri);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/region$"));
        await page.SelectOptionAsync("#table", "abroad");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("#regional-table thead")).ToContainTextAsync("Uzbekistan");
        await Assertions.Expect(page.Locator("#regional-table thead")).ToContainTextAsync("Kazakhstan");
        await page.InspectAsync("region-hub-en");

        await page.GotoAsync(new Uri(region.HubUrl, "/account/sign-in").AbsoluteUri);
        await page.FillAsync("#Email", DemoAccounts.SecretariatEmail);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/region"));
        await page.ClickAsync("header a[href='/plans']");
        await page.InspectAsync("plans-hub-en");
        await page.ClickAsync($"#plans a[href='/plans/{Caravan.Core.Coordination.DemoActionPlans.Code}']");
        await Assertions.Expect(page.Locator("#activities")).ToContainTextAsync("1.2");
        await page.InspectAsync("plan-hub-en");
        await page.ClickAsync("#edit");
        await page.ClickAsync("#activity ~ form button[type=submit]");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await page.InspectAsync("plan-edit-errors-en");

        // A Kazakh officer, in Russian, reports Kazakhstan's part of activity 1.2 as done.
        var officer = await fixture.NewPageAsync();
        await officer.GotoAsync(new Uri(region.KzUrl, "/account/sign-in?culture=ru").AbsoluteUri);
        await officer.FillAsync("#Email", DemoAccounts.OfficerEmail);
        await officer.FillAsync("#Password", new DemoOptions().StaffPassword);
        await officer.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/dashboard"));
        await officer.GotoAsync(new Uri(region.KzUrl, $"/plans/{Caravan.Core.Coordination.DemoActionPlans.Code}").AbsoluteUri);
        await officer.InspectAsync("plan-kz-ru");
        await officer.ClickAsync("tr[data-activity='1.2'] td[data-country='KZ'] a");
        await officer.SelectOptionAsync("#Status", "Done");
        await officer.FillAsync("#Notes", "Регистрация трудоустройства передаётся в Узбекистан ежедневно.");
        await officer.InspectAsync("plan-update-kz-ru");
        await officer.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(officer.Locator("tr[data-activity='1.2'] td[data-country='KZ']")).ToHaveAttributeAsync("data-status", "Done");

        // The officer's other exchange pages, in Russian, pass axe too.
        foreach (var (path, name) in new[] { ("/exchange/employment", "exchange-employment-kz-ru"), ("/exchange/referrals", "exchange-referrals-kz-ru") })
        {
            await officer.GotoAsync(new Uri(region.KzUrl, path).AbsoluteUri);
            await officer.InspectAsync(name);
        }

        // The Uzbek administrator publishes to the hub on demand, and sees the trust list with the hub on it.
        var admin = await fixture.NewPageAsync(width: 1024);
        await admin.GotoAsync(new Uri(region.UzUrl, "/account/sign-in?culture=uz").AbsoluteUri);
        await admin.FillAsync("#Email", DemoAccounts.AdminEmail);
        await admin.FillAsync("#Password", new DemoOptions().StaffPassword);
        await admin.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/dashboard"));
        await admin.GotoAsync(new Uri(region.UzUrl, "/admin/exchange").AbsoluteUri);
        await admin.ClickAsync("form[action*='handler=Publish'] button");
        await Assertions.Expect(admin.Locator("#published")).ToBeVisibleAsync();
        await admin.InspectAsync("admin-exchange-published-uz");
        await admin.GotoAsync(new Uri(region.UzUrl, "/admin/partners").AbsoluteUri);
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("Regional hub");
        await admin.InspectAsync("admin-partners-uz");

        // The Kazakh partner's page, with its passport-matching section, before and after a key is generated.
        await admin.ClickAsync("main td a:text('Enbek (Kazakhstan)')");
        await Assertions.Expect(admin.Locator("#matching-state")).ToBeVisibleAsync();
        await admin.InspectAsync("admin-partner-matching-uz");
        await admin.ClickAsync("#generate-matching");
        await Assertions.Expect(admin.Locator("#new-matching-key")).ToBeVisibleAsync();
        await admin.InspectAsync("admin-partner-matching-key-uz");

        await RegionNodes.FlushAsync(region.Kz);
        await page.GotoAsync(new Uri(region.HubUrl, $"/plans/{Caravan.Core.Coordination.DemoActionPlans.Code}").AbsoluteUri);
        await Assertions.Expect(page.Locator("tr[data-activity='1.2'] td[data-country='KZ']")).ToHaveAttributeAsync("data-status", "Done");
        await Assertions.Expect(page.Locator("tr[data-activity='1.2'] td[data-country='KZ']")).ToContainTextAsync("ежедневно");
    }
}
