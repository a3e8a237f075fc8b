using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Signing;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Web.Tests.Signing;

/// <summary>The node's ES256 key: made once, published as a JWKS, protected at rest, rotated with an overlap.</summary>
public class NodeSigningTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly object Certificate = new { code = "CRV-TRN-0001", course = "Rights and law in Kazakhstan", initials = "D. R." };

    private static Task<T> WithSigningAsync<T>(CaravanApp app, TimeProvider clock, Func<NodeKeyRing, NodeSigner, Task<T>> run) =>
        app.WithScopeAsync(sp =>
        {
            var active = new ActiveKeyCache(clock);
            var ring = new NodeKeyRing(sp.GetRequiredService<CaravanDbContext>(), sp.GetRequiredService<IDataProtectionProvider>(), clock,
                sp.GetRequiredService<IOptions<SigningOptions>>(), active);
            return run(ring, new NodeSigner(ring, active, clock));
        });

    private static string ForeignToken(string kid)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = kid, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(Certificate), new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_public_keys_are_published_as_a_jwks_without_any_private_part(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.CreateClient();
        var response = await client.GetAsync(SigningEndpoints.JwksPath);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var keys = json.RootElement.GetProperty("keys").EnumerateArray().ToList();
        keys.ShouldNotBeEmpty();
        var active = await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync());
        var published = keys.Single(k => k.GetProperty("kid").GetString() == active.KeyId);
        published.GetProperty("kty").GetString().ShouldBe("EC");
        published.GetProperty("crv").GetString().ShouldBe("P-256");
        published.GetProperty("alg").GetString().ShouldBe("ES256");
        published.GetProperty("use").GetString().ShouldBe("sig");
        Base64UrlEncoder.DecodeBytes(published.GetProperty("x").GetString()).Length.ShouldBe(32);
        foreach (var privatePart in new[] { "\"d\"", "\"p\"", "\"q\"" })
        {
            text.ShouldNotContain(privatePart);
        }

        // The kid is the key's RFC 7638 thumbprint, so anyone can recompute it from the published key.
        var jwk = new JsonWebKey(published.GetRawText());
        Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()).ShouldBe(active.KeyId);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync())).KeyId.ShouldBe(active.KeyId);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_signed_payload_verifies_and_a_changed_or_foreign_one_does_not(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (token, active) = await app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<NodeSigner>().SignAsync("caravan-certificate+jwt", Certificate), await sp.GetRequiredService<NodeKeyRing>().ActiveAsync()));
        async Task<SignatureResult> Verify(string? t) => await app.WithScopeAsync(sp => sp.GetRequiredService<NodeSigner>().VerifyAsync(t));

        var valid = await Verify(token);
        valid.Check.ShouldBe(SignatureCheck.Valid);
        valid.KeyId.ShouldBe(active.KeyId);
        valid.Payload!.Value.GetProperty("code").GetString().ShouldBe("CRV-TRN-0001");
        new JsonWebTokenHandler().ReadJsonWebToken(token).Typ.ShouldBe("caravan-certificate+jwt");

        // One character of the payload changed: the course name, say.
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("Kazakhstan", "Kazakhstam", StringComparison.Ordinal);
        (await Verify($"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}")).Check.ShouldBe(SignatureCheck.Tampered);
        (await Verify(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1])).Check.ShouldBe(SignatureCheck.Tampered);
        (await Verify("not a signed payload")).Check.ShouldBe(SignatureCheck.Tampered);
        (await Verify(string.Empty)).Check.ShouldBe(SignatureCheck.Tampered);

        // Signed by someone else: under this node's key id it fails the signature; under its own id the key is unknown.
        (await Verify(ForeignToken(active.KeyId))).Check.ShouldBe(SignatureCheck.Tampered);
        (await Verify(ForeignToken("another-node-key"))).Check.ShouldBe(SignatureCheck.UnknownKey);
    }

    [Fact]
    public async Task A_batch_signers_private_key_is_released_when_the_batch_is_disposed()
    {
        // ASVS 1.4.3: the decrypted private key lives only as long as its batch, not until a garbage collection.
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var batch = await app.WithScopeAsync(sp => sp.GetRequiredService<NodeSigner>().BatchAsync());
        var token = batch.Sign("caravan-certificate+jwt", JsonSerializer.Serialize(Certificate));
        (await app.WithScopeAsync(sp => sp.GetRequiredService<NodeSigner>().VerifyAsync(token))).Check.ShouldBe(SignatureCheck.Valid);
        batch.Dispose();
        Should.Throw<ObjectDisposedException>(() => batch.Sign("caravan-certificate+jwt", JsonSerializer.Serialize(Certificate)));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_token_claiming_alg_none_or_an_HMAC_keyed_with_the_public_key_is_refused(DatabaseProvider db)
    {
        // ASVS 9.1.2: only ES256 is accepted, so neither the unsigned form nor the classic confusion (HS256 with the
        // published key as the shared secret) gets a payload past the check.
        var app = fixture.Get(db);
        var (token, active) = await app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<NodeSigner>().SignAsync("caravan-certificate+jwt", Certificate), await sp.GetRequiredService<NodeKeyRing>().ActiveAsync()));
        async Task<SignatureResult> Verify(string t) => await app.WithScopeAsync(sp => sp.GetRequiredService<NodeSigner>().VerifyAsync(t));
        (await Verify(token)).Check.ShouldBe(SignatureCheck.Valid);

        var payload = token.Split('.')[1];
        string Header(string alg) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg, kid = active.KeyId, typ = "caravan-certificate+jwt" }));
        foreach (var alg in new[] { "none", "None", "NONE", "nOnE" })
        {
            var unsigned = await Verify($"{Header(alg)}.{payload}.");
            unsigned.Check.ShouldNotBe(SignatureCheck.Valid, alg);
            unsigned.Payload.ShouldBeNull(alg);
        }

        var jwks = await app.CreateClient().GetStringAsync(SigningEndpoints.JwksPath);
        var published = JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == active.KeyId).GetRawText();
        foreach (var secret in new[] { System.Text.Encoding.UTF8.GetBytes(published), Base64UrlEncoder.DecodeBytes(new JsonWebKey(published).X) })
        {
            var signingInput = $"{Header("HS256")}.{payload}";
            var mac = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, System.Text.Encoding.ASCII.GetBytes(signingInput)));
            var confused = await Verify($"{signingInput}.{mac}");
            confused.Check.ShouldNotBe(SignatureCheck.Valid);
            confused.Payload.ShouldBeNull();
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task After_a_rotation_the_old_key_verifies_through_its_overlap_and_then_nothing_it_signed_does(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var overlap = TimeSpan.FromDays(app.Services.GetRequiredService<IOptions<SigningOptions>>().Value.OverlapDays);
        var (oldToken, oldKey) = await WithSigningAsync(app, clock, async (ring, signer) => (await signer.SignAsync("caravan-certificate+jwt", Certificate), await ring.ActiveAsync()));
        var newKey = await WithSigningAsync(app, clock, (ring, _) => ring.RotateAsync());
        newKey.KeyId.ShouldNotBe(oldKey.KeyId);
        var newToken = await WithSigningAsync(app, clock, (_, signer) => signer.SignAsync("caravan-certificate+jwt", Certificate));
        new JsonWebTokenHandler().ReadJsonWebToken(newToken).Kid.ShouldBe(newKey.KeyId);

        (await WithSigningAsync(app, clock, (_, signer) => signer.VerifyAsync(oldToken))).Check.ShouldBe(SignatureCheck.Valid);
        (await WithSigningAsync(app, clock, (ring, _) => ring.PublishedAsync())).Select(k => k.KeyId).ShouldBe([newKey.KeyId, oldKey.KeyId], ignoreOrder: true);
        var jwks = await app.CreateClient().GetStringAsync(SigningEndpoints.JwksPath);
        jwks.ShouldContain(oldKey.KeyId);
        jwks.ShouldContain(newKey.KeyId);

        clock.Advance(overlap - TimeSpan.FromSeconds(1));
        (await WithSigningAsync(app, clock, (_, signer) => signer.VerifyAsync(oldToken))).Check.ShouldBe(SignatureCheck.Valid);
        clock.Advance(TimeSpan.FromSeconds(2));
        (await WithSigningAsync(app, clock, (_, signer) => signer.VerifyAsync(oldToken))).Check.ShouldBe(SignatureCheck.KeyExpired);
        (await WithSigningAsync(app, clock, (_, signer) => signer.VerifyAsync(newToken))).Check.ShouldBe(SignatureCheck.Valid);
        (await WithSigningAsync(app, clock, (ring, _) => ring.PublishedAsync())).Select(k => k.KeyId).ShouldNotContain(oldKey.KeyId);
        (await app.WithDbAsync(ctx => ctx.Set<NodeSigningKey>().CountAsync(k => k.Active))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_private_key_is_stored_only_protected_and_never_copied_into_the_audit_trail(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var active = await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync());
        var stored = Convert.FromBase64String(active.ProtectedPrivateKey);
        using (var ecdsa = ECDsa.Create())
        {
            Should.Throw<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(stored, out _));
        }

        // With the node's key ring it is the private half of the published key.
        var unprotected = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(NodeKeyRing.Purpose).Unprotect(stored);
        using (var ecdsa = ECDsa.Create())
        {
            ecdsa.ImportPkcs8PrivateKey(unprotected, out _);
            var point = ecdsa.ExportParameters(false).Q;
            NodeKeyRing.PublicKey(active).X.ShouldBe(Base64UrlEncoder.Encode(point.X));
        }

        var entries = await app.WithDbAsync(ctx => ctx.Set<AuditEntry>().Where(e => e.EntityType == nameof(NodeSigningKey)).Select(e => e.Changes).ToListAsync());
        entries.ShouldNotBeEmpty();
        entries.ShouldAllBe(c => !c.Contains(active.ProtectedPrivateKey));
        entries.ShouldContain(c => c.Contains("\"ProtectedPrivateKey\":{\"from\":null,\"to\":\"***\"}"));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_administrator_sees_the_keys_and_rotates_and_no_one_else_can(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = app.Browser();
        (await agency.SignInStaffAsync(DemoAccounts.AgencyEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var denied = await agency.GetAsync("/admin/signing-keys");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        var anonymous = await app.Browser().GetAsync("/admin/signing-keys");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");

        var admin = app.EnglishBrowser();
        (await admin.SignInStaffAsync(DemoAccounts.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync());
        var page = await admin.GetStringAsync("/admin/signing-keys");
        page.ShouldContain(before.KeyId);
        page.ShouldContain("Active: signs and verifies");

        var rotated = await admin.PostFormAsync("/admin/signing-keys", new Dictionary<string, string>(), "/admin/signing-keys?handler=Rotate");
        rotated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync());
        after.KeyId.ShouldNotBe(before.KeyId);
        var shown = await admin.GetStringAsync(rotated.Headers.Location!.OriginalString);
        shown.ShouldContain("A new signing key is active");
        shown.ShouldContain("Retired: verifies only");

        // A cross-site form post, without the page's antiforgery token, changes nothing.
        var forged = await admin.PostAsync("/admin/signing-keys?handler=Rotate", new FormUrlEncodedContent(new Dictionary<string, string>()));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<NodeKeyRing>().ActiveAsync())).KeyId.ShouldBe(after.KeyId);
        // The rotation is on the audit trail, by the administrator who made it.
        var retired = await app.WithDbAsync(ctx => ctx.Set<AuditEntry>().SingleAsync(e => e.EntityType == nameof(NodeSigningKey)
            && e.EntityId == before.Id.ToString() && e.Action == AuditAction.Update));
        retired.ActorKind.ShouldBe("user");
        retired.ActorRole.ShouldBe(Caravan.Core.Identity.Roles.Admin);
        retired.Changes.ShouldContain("\"Active\":{\"from\":true,\"to\":false}");
    }
}
