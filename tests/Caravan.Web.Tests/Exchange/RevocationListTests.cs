using System.Net;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Caravan.Core.Training;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17: a node publishes a signed list of what it has withdrawn; a partner fetches it, keeps it only when it
/// checks, and a statement read offline is judged against it, as of the list's date.
/// </summary>
[Collection(NodePairGroup.Name)]
public class RevocationListTests(NodePairFixture fixture)
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_certificate_withdrawn_at_its_issuer_reads_as_withdrawn_offline_once_the_partner_has_fetched_the_list(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var (code, token) = await CertificateAsync(pair.Uz);
        var statements = (CaravanApp app) => app.WithScopeAsync(sp => sp.GetRequiredService<PartnerStatements>().ReadAsync(token));

        // Before any list: genuine, and it says no list is held.
        var before = await statements(pair.Kz);
        before.Check.ShouldBe(StatementCheck.Valid);
        before.ListedAsOf.ShouldBeNull();

        await pair.Uz.WithDbAsync(async d =>
        {
            await d.Set<Credential>().Where(c => c.Code == code).ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, DateTime.UtcNow));
            return 0;
        });

        // The list as published: a JWS of the node's key, listing the code.
        var published = await pair.Uz.CreateClient().GetAsync(RevocationList.Path);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        published.Content.Headers.ContentType!.MediaType.ShouldBe("application/jose");
        var jws = new JsonWebToken(await published.Content.ReadAsStringAsync());
        jws.Typ.ShouldBe(RevocationList.TokenType);
        jws.EncodedPayload.ShouldNotBeNullOrEmpty();

        // A list served in Uzbekistan's place, signed by another node's key, is refused and changes nothing.
        var forged = await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<NodeSigner>().SignAsync(RevocationList.TokenType,
            new RevocationPayload(Envelope.Address(NodePair.UzAddress), DateTimeOffset.UtcNow, [], [], [])));
        pair.Network.ForgedRevocations[Envelope.Address(NodePair.UzAddress)] = forged;
        try
        {
            (await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<RevocationRefresh>().RefreshAsync())).ShouldBe(0);
        }
        finally
        {
            pair.Network.ForgedRevocations.Clear();
        }

        (await statements(pair.Kz)).Check.ShouldBe(StatementCheck.Valid);

        // The real list is kept, and the certificate now reads as withdrawn, as of the list's date.
        (await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<RevocationRefresh>().RefreshAsync())).ShouldBeGreaterThan(0);
        var after = await statements(pair.Kz);
        after.Check.ShouldBe(StatementCheck.Revoked);
        after.Code.ShouldBe(code);
        after.ListedAsOf.ShouldNotBeNull();
        after.ListedAsOf.Value.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-2));

        // The same list again changes nothing; a partner that cannot be reached leaves the list held.
        (await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<RevocationRefresh>().RefreshAsync())).ShouldBe(0);
        pair.Network.Down[Envelope.Address(NodePair.UzAddress)] = true;
        try
        {
            (await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<RevocationRefresh>().RefreshAsync())).ShouldBe(0);
        }
        finally
        {
            pair.Network.Down.Clear();
        }

        (await statements(pair.Kz)).Check.ShouldBe(StatementCheck.Revoked);

        // The officer's page says so, in words.
        var officer = pair.Kz.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = await (await officer.PostFormAsync("/exchange/verify", new Dictionary<string, string> { ["Code"] = token, ["PartnerId"] = pair.UzAtKz.ToString() })).TextAsync();
        page.ShouldContain("Withdrawn by its issuer");
        page.ShouldContain("Checked against the issuer's revocation list of");
    }

    /// <summary>A training certificate the Uzbek node signed for a person it registered.</summary>
    private static Task<(string Code, string Token)> CertificateAsync(CaravanApp node) => node.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CaravanDbContext>();
        var now = DateTime.UtcNow;
        var person = new Person
        {
            Reference = "RVK-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            Status = PersonStatus.Active,
            Channel = RegistrationChannel.Assisted,
            GivenName = "Malika",
            FamilyName = "Saidova",
            GivenKey = "MALIKA",
            FamilyKey = "SAIDOVA",
            CreatedAt = now,
            RegisteredAt = now,
            UpdatedAt = now,
        };
        db.Add(person);
        var code = CredentialCodes.New();
        var token = await sp.GetRequiredService<NodeSigner>().SignAsync(TrainingCertificates.TokenType,
            new CertificatePayload(code, "M. S.", "Rights and law in Kazakhstan", "KZ", DateOnly.FromDateTime(now), "UZ"));
        db.Add(new Credential
        {
            Code = code,
            Kind = CredentialKind.TrainingCertificate,
            PersonId = person.Id,
            SubjectId = Guid.NewGuid(),
            Initials = "M. S.",
            About = "Rights and law in Kazakhstan",
            On = DateOnly.FromDateTime(now),
            Token = token,
            IssuedAt = now,
        });
        await db.SaveChangesAsync();
        return (code, token);
    });
}
