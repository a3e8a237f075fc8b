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

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// Two nodes on real loopback ports, linked as demo-region links them (each reads the other's published JWKS), talking
/// over real HTTP: the Uzbek node and the Kazakh node.
/// </summary>
public sealed class RegionNodes : IAsyncLifetime
{
    public CaravanApp Uz { get; private set; } = null!;

    public CaravanApp Kz { get; private set; } = null!;

    public Uri KzUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (uzPort, kzPort) = (FreePort(), FreePort());
        var uzUrl = new Uri($"http://127.0.0.1:{uzPort}/");
        KzUrl = new Uri($"http://127.0.0.1:{kzPort}/");
        Uz = Start(uzPort, "UZ", uzUrl, "KZ", "Enbek (Kazakhstan)", KzUrl);
        Kz = Start(kzPort, "KZ", KzUrl, "UZ", "Migration Agency (Uzbekistan)", uzUrl);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(await LinkedAsync(Uz) && await LinkedAsync(Kz)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the two nodes did not link within 90 s");
            await Task.Delay(250);
        }
    }

    private static Task<bool> LinkedAsync(CaravanApp app) => app.WithDbAsync(d => d.Set<PartnerKey>().AnyAsync());

    private static CaravanApp Start(int port, string country, Uri self, string partnerCountry, string partnerName, Uri partner)
    {
        var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Node:Country"] = country,
            ["Node:PublicUrl"] = self.AbsoluteUri,
            ["DemoRegion:Partners:0:Country"] = partnerCountry,
            ["DemoRegion:Partners:0:Name"] = partnerName,
            ["DemoRegion:Partners:0:Url"] = partner.AbsoluteUri,
        });
        app.UseKestrel(port);
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
}
