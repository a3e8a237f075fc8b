using Microsoft.Extensions.Caching.Memory;
using Caravan.Core.Signing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caravan.Web.Api;

/// <summary>One published key of the node, as RFC 7517 writes it: the public half only.</summary>
public sealed record JwkDto(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

public sealed record JwksDto(IReadOnlyList<JwkDto> Keys);

public static class SigningEndpoints
{
    /// <summary>The stable address where verifiers and partner nodes fetch the node's public keys.</summary>
    public const string JwksPath = "/.well-known/jwks.json";

    public static WebApplication MapSigningEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(JwksPath, JwksAsync)
            .WithName("GetNodeKeys")
            .WithTags("v1")
            .WithSummary("The node's public signing keys (JWKS): the active key and those still in their overlap after a rotation")
            .WithDescription("Certificates, departure cards and messages between nodes are JWS (ES256) whose kid names one of these keys.")
            .Produces<JwksDto>()
            .AllowAnonymous();
        app.MapGet(Caravan.Core.Exchange.RevocationList.Path, RevocationsAsync)
            .WithName("GetRevocationList")
            .WithTags("v1")
            .WithSummary("What this node has withdrawn of what it signed: revoked certificates and departure cards, licences no longer valid (a JWS, typ caravan-revocations+jwt)")
            .WithDescription("Partners fetch it hourly and check statements read offline against it, as of the list's date.")
            .Produces<string>(contentType: "application/jose")
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> RevocationsAsync(Caravan.Core.Exchange.RevocationList list, IMemoryCache cache, HttpContext http, CancellationToken cancellationToken)
    {
        // Signed at most once a minute: every partner fetches it, and a minute is well inside their hourly refresh.
        var token = await cache.GetOrCreateAsync("revocation-list", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            entry.Size = 1;
            return await list.SignedAsync(cancellationToken);
        });
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Text(token!, "application/jose");
    }

    private static async Task<Ok<JwksDto>> JwksAsync(NodeKeyRing keys, HttpContext http, CancellationToken cancellationToken)
    {
        var published = await keys.PublishedAsync(cancellationToken);
        // Verifiers may keep the set for five minutes: a rotation keeps the old key valid far longer than that.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new JwksDto([.. published.Select(k =>
        {
            var jwk = NodeKeyRing.PublicKey(k);
            return new JwkDto(jwk.Kty, jwk.Crv, jwk.X, jwk.Y, k.KeyId, jwk.Use, jwk.Alg);
        })]));
    }
}
