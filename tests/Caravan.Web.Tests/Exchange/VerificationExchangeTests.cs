using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Caravan.Core.Training;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17: a Kazakh officer verifies an Uzbek training certificate and an Uzbek agency's licence for Kazakhstan,
/// online and from a decoded QR payload; the answer is valid, not valid or unknown, signed, and nothing more.
/// </summary>
[Collection(NodePairGroup.Name)]
public partial class VerificationExchangeTests(NodePairFixture fixture)
{
    [GeneratedRegex("id=\"statement-token\">([^<]+)<")]
    private static partial Regex StatementToken();

    /// <summary>A certificate as the Uzbek node issues it: signed with its key, in the register.</summary>
    private static Task<(string Code, string Token)> CertificateAsync(CaravanApp uz, Guid personId, bool revoked) => uz.WithScopeAsync(async sp =>
    {
        var code = CredentialCodes.New();
        var token = await sp.GetRequiredService<NodeSigner>().SignAsync(TrainingCertificates.TokenType,
            new CertificatePayload(code, "S. Y.", "Rights and law in Kazakhstan", "KZ", new DateOnly(2026, 11, 20), "UZ"));
        var db = sp.GetRequiredService<CaravanDbContext>();
        db.Add(new Credential
        {
            Code = code,
            Kind = CredentialKind.TrainingCertificate,
            PersonId = personId,
            SubjectId = Guid.NewGuid(),
            Initials = "S. Y.",
            About = "Rights and law in Kazakhstan",
            On = new DateOnly(2026, 11, 20),
            Token = token,
            IssuedAt = DateTime.UtcNow,
            RevokedAt = revoked ? DateTime.UtcNow : null,
        });
        await db.SaveChangesAsync();
        return (code, token);
    });

    private static Dictionary<string, string> Ask(Guid? partner, string? subject, string code) => new()
    {
        ["PartnerId"] = partner?.ToString() ?? "",
        ["Subject"] = subject ?? "",
        ["Code"] = code,
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_Kazakh_officer_verifies_Uzbek_certificates_and_licences_online_and_from_QR_payloads(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var reference = await Registration.RegisterAsync(pair.Uz, pair.Uz.EnglishBrowser(), db == DatabaseProvider.Sqlite ? "+998901720001" : "+998901720002",
            new("Sardor", "Yusupov", null, new DateOnly(1995, 4, 12), "Male", db == DatabaseProvider.Sqlite ? "AB1720001" : "AB1720002"));
        var personId = await pair.Uz.WithDbAsync(d => d.Set<Person>().Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync());
        var (validCode, validToken) = await CertificateAsync(pair.Uz, personId, revoked: false);
        var (revokedCode, _) = await CertificateAsync(pair.Uz, personId, revoked: true);

        // An Uzbek agency licensed for Kazakhstan shows a signed licence statement on its public page; one that is not, is not valid here.
        var (forKz, notForKz) = await pair.Uz.WithDbAsync(async d =>
        {
            var agencies = await d.Set<Agency>().Include(a => a.Destinations).Where(a => a.LicenceStatus == LicenceStatus.Valid).OrderBy(a => a.LicenceNumber).ToListAsync();
            var first = agencies[0];
            if (!first.Destinations.Any(x => x.CountryCode == "KZ"))
            {
                first.Destinations.Add(new AgencyDestination { AgencyId = first.Id, CountryCode = "KZ" });
            }

            var second = agencies[1];
            second.Destinations.RemoveAll(x => x.CountryCode == "KZ");
            await d.SaveChangesAsync();
            return (first.LicenceNumber!, second.LicenceNumber!);
        });
        var publicPage = await pair.Uz.EnglishBrowser().GetStringAsync($"/agencies/{forKz}");
        var licenceToken = StatementToken().Match(publicPage).Groups[1].Value.Trim();
        licenceToken.Split('.').Length.ShouldBe(3);

        var officer = pair.Kz.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetStringAsync("/exchange/verify")).ShouldContain("Migration Agency (Uzbekistan) (UZ)");

        // From the certificate's QR payload: the signature offline, then the answer online.
        var page = await (await officer.PostFormAsync("/exchange/verify", Ask(null, null, validToken))).TextAsync();
        page.ShouldContain("data-check=\"Valid\"");
        page.ShouldContain("Signed by Migration Agency (Uzbekistan)");
        page.ShouldContain(validCode);
        page.ShouldContain("data-verdict=\"Valid\"");

        // From the licence's QR payload: licensed for Kazakhstan.
        page = await (await officer.PostFormAsync("/exchange/verify", Ask(null, null, licenceToken))).TextAsync();
        page.ShouldContain("data-check=\"Valid\"");
        page.ShouldContain("Private employment agency licence");
        page.ShouldContain("data-verdict=\"Valid\"");

        // Typed codes, asked online.
        (await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, "Certificate", revokedCode))).TextAsync()).ShouldContain("data-verdict=\"NotValid\"");
        (await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, "Licence", notForKz))).TextAsync()).ShouldContain("data-verdict=\"NotValid\"");
        page = await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, "Certificate", "CRV-2222-3333-4444"))).TextAsync();
        page.ShouldContain("data-verdict=\"Unknown\"");
        page.ShouldContain("Unknown to the issuing country");

        // Bad input and forgeries: a clear message, and no question sent.
        var asked = await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().CountAsync(m => m.Type == MessageType.VerificationRequest));
        page = await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, null, " "))).TextAsync();
        page.ShouldContain("Enter the code or the QR payload");
        (await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, null, validCode))).TextAsync()).ShouldContain("Choose what you are checking");
        var parts = validToken.Split('.');
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"Code\":\"" + revokedCode + "\",\"Initials\":\"S. Y.\"}")}.{parts[2]}";
        page = await (await officer.PostFormAsync("/exchange/verify", Ask(null, null, forged))).TextAsync();
        page.ShouldContain("data-check=\"Tampered\"");
        page.ShouldNotContain("data-verdict=");
        (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().CountAsync(m => m.Type == MessageType.VerificationRequest))).ShouldBe(asked);

        // Both nodes account for every question and answer.
        (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().CountAsync(m => m.Type == MessageType.VerificationRequest && m.Outcome == "answered valid about a certificate"))).ShouldBe(1);
        (await pair.Kz.WithDbAsync(d => d.Set<InboxMessage>().CountAsync(m => m.Type == MessageType.VerificationAnswer))).ShouldBe(asked);

        // The issuing country is down: the officer is told, quickly.
        pair.Network.Down[Envelope.Address(NodePair.UzAddress)] = true;
        try
        {
            (await (await officer.PostFormAsync("/exchange/verify", Ask(pair.UzAtKz, "Certificate", validCode))).TextAsync()).ShouldContain("could not be reached");
        }
        finally
        {
            pair.Network.Down.Clear();
        }
    }
}
