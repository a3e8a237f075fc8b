using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Web.Tests.Pages.Admin;

/// <summary>Issue 17's trust list: administrators add partner nodes, their keys and allowed messages; a revoked key is refused at once.</summary>
public class PartnersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>A partner's key pair, as its node would make it; only the public half is ever pasted.</summary>
    private static (string PublicJwk, string PrivateJwk, string Kid) NewKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = "kz-" + Guid.NewGuid().ToString("N")[..10];
        var full = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ec) { KeyId = kid });
        var withPrivate = JsonSerializer.Serialize(new { kty = full.Kty, crv = full.Crv, x = full.X, y = full.Y, d = full.D, kid });
        var publicOnly = JsonSerializer.Serialize(new { kty = full.Kty, crv = full.Crv, x = full.X, y = full.Y, kid });
        return (publicOnly, withPrivate, kid);
    }

    private static Dictionary<string, string> Partner(string name, string url = "https://caravan.enbek.kz/", string fromYear = "2024", string untilYear = "") => new()
    {
        ["Country"] = "KZ",
        ["Name"] = name,
        ["BaseUrl"] = url,
        ["Agreement"] = "Agreement between Uzbekistan and Kazakhstan on the employment of migrant workers",
        ["FromDay"] = "1",
        ["FromMonth"] = "3",
        ["FromYear"] = fromYear,
        ["UntilDay"] = untilYear.Length == 0 ? "" : "31",
        ["UntilMonth"] = untilYear.Length == 0 ? "" : "12",
        ["UntilYear"] = untilYear,
        ["Version"] = "",
    };

    private static Task<(TrustDecision, PartnerNode?)> ReceivedAsync(CaravanApp app, string kid, MessageType type) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<TrustCheck>().ReceivedAsync(kid, type, MessagePurposes.Of(type)));

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_administrator_trusts_a_partner_for_chosen_messages_and_revoking_its_key_refuses_it_at_once(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var name = "Enbek node " + Guid.NewGuid().ToString("N")[..6];

        // Bad input: each field says why, and nothing is written.
        var bad = Partner(name, url: "http://caravan.enbek.kz/", untilYear: "2023");
        bad["Name"] = " ";
        var refused = await (await admin.PostFormAsync("/admin/partners/edit", bad)).TextAsync();
        refused.ShouldContain("Enter an https address");
        refused.ShouldContain("Enter this");
        refused.ShouldContain("The end date must be after the start date");
        var halfDate = Partner(name);
        halfDate["UntilYear"] = "2027";
        (await (await admin.PostFormAsync("/admin/partners/edit", halfDate)).TextAsync()).ShouldContain("Enter a real date, or leave all three boxes empty");
        (await app.WithDbAsync(d => d.Set<PartnerNode>().CountAsync(p => p.Name == name))).ShouldBe(0);

        var saved = await admin.PostFormAsync("/admin/partners/edit", Partner(name));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var partner = await app.WithDbAsync(d => d.Set<PartnerNode>().SingleAsync(p => p.Name == name));
        var page = $"/admin/partners/edit/{partner.Id}";
        saved.Headers.Location!.ToString().ShouldBe(page);
        (await admin.GetStringAsync("/admin/partners")).ShouldContain(name);

        // Keys: a private key or another curve is refused; the public key is kept without anything else that was pasted.
        var (publicJwk, privateJwk, kid) = NewKey();
        (await (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = privateJwk }, page + "?handler=Key")).TextAsync()).ShouldContain("Never paste a private key");
        (await (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = "{\"kty\":\"RSA\",\"n\":\"abc\",\"e\":\"AQAB\",\"kid\":\"r1\"}" }, page + "?handler=Key")).TextAsync())
            .ShouldContain("Only ES256 keys");
        (await (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = "not json" }, page + "?handler=Key")).TextAsync()).ShouldContain("JWK");
        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = publicJwk }, page + "?handler=Key")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = publicJwk }, page + "?handler=Key")).TextAsync()).ShouldContain("already on the trust list");
        var key = await app.WithDbAsync(d => d.Set<PartnerKey>().SingleAsync(k => k.KeyId == kid));
        key.PublicJwk.ShouldNotContain("\"d\"");

        // No flow yet: refused. Receiving employment records only: that passes, nothing else does.
        (await ReceivedAsync(app, kid, MessageType.EmploymentRegistered)).Item1.ShouldBe(TrustDecision.FlowNotAllowed);
        (await admin.PostFormAsync(page, new Dictionary<string, string> { ["Flows"] = "Receive:EmploymentRegistered" }, page + "?handler=Flows")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReceivedAsync(app, kid, MessageType.EmploymentRegistered)).Item1.ShouldBe(TrustDecision.Allowed);
        (await ReceivedAsync(app, kid, MessageType.CaseReferral)).Item1.ShouldBe(TrustDecision.FlowNotAllowed);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<TrustCheck>().SendingAsync(partner.Id, MessageType.EmploymentRegistered, ExchangePurpose.EmploymentProtection)))
            .ShouldBe(TrustDecision.FlowNotAllowed);
        (await ReceivedAsync(app, "someone-else", MessageType.EmploymentRegistered)).Item1.ShouldBe(TrustDecision.UnknownKey);
        var ticked = await admin.GetStringAsync(page);
        System.Text.RegularExpressions.Regex.IsMatch(ticked, "value=\"Receive:EmploymentRegistered\"\\s+checked=\"checked\"").ShouldBeTrue();
        System.Text.RegularExpressions.Regex.IsMatch(ticked, "value=\"Send:EmploymentRegistered\"\\s+checked").ShouldBeFalse();

        // Revoking needs a reason; from that moment the key's messages are refused.
        var revoke = page + $"?handler=Revoke&key={key.Id}";
        (await (await admin.PostFormAsync(page, new Dictionary<string, string> { [$"Reason-{key.Id}"] = "" }, revoke)).TextAsync()).ShouldContain("Give the reason for revoking");
        (await ReceivedAsync(app, kid, MessageType.EmploymentRegistered)).Item1.ShouldBe(TrustDecision.Allowed);
        (await admin.PostFormAsync(page, new Dictionary<string, string> { [$"Reason-{key.Id}"] = "Key reported compromised" }, revoke)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReceivedAsync(app, kid, MessageType.EmploymentRegistered)).Item1.ShouldBe(TrustDecision.KeyRevoked);
        (await admin.GetStringAsync(page)).ShouldContain($"data-kid=\"{kid}\" data-state=\"Revoked\"");

        // Every change is in the audit trail.
        var adminId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == DemoAccounts.AdminEmail).Select(u => u.Id).SingleAsync());
        (await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(PartnerNode) && a.EntityId == partner.Id.ToString() && a.Actor == $"user:{adminId}"))).ShouldBe(1);
        (await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(PartnerKey) && a.EntityId == key.Id.ToString()))).ShouldBe(2);
        (await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(PartnerFlow)))).ShouldBeGreaterThanOrEqualTo(1);

        // Only administrators keep the list.
        var officer = app.Browser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetAsync("/admin/partners")).Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task When_the_agreement_has_ended_its_flows_stop(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var name = "Ended agreement " + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostFormAsync("/admin/partners/edit", Partner(name, fromYear: "2020", untilYear: "2021"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var partner = await app.WithDbAsync(d => d.Set<PartnerNode>().SingleAsync(p => p.Name == name));
        var page = $"/admin/partners/edit/{partner.Id}";
        var (publicJwk, _, kid) = NewKey();
        await admin.PostFormAsync(page, new Dictionary<string, string> { ["Jwk"] = publicJwk }, page + "?handler=Key");
        await admin.PostFormAsync(page, new Dictionary<string, string> { ["Flows"] = "Receive:VerificationRequest" }, page + "?handler=Flows");
        (await ReceivedAsync(app, kid, MessageType.VerificationRequest)).Item1.ShouldBe(TrustDecision.AgreementNotInForce);
        (await admin.GetStringAsync("/admin/partners")).ShouldContain("Not in force");
    }
}
