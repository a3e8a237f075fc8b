using System.Security.Cryptography;
using System.Text.Json;
using Caravan.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Signing;

/// <summary>
/// The node's signing keys: the active one (made on first use), rotation, and the set a verifier may use. Private keys
/// are stored protected by Data Protection, whose key ring lives outside the database (docs/security.md).
/// </summary>
public sealed class NodeKeyRing(CaravanDbContext db, IDataProtectionProvider protection, TimeProvider time, IOptions<SigningOptions> options, ActiveKeyCache activeKey)
{
    public const string Purpose = "Caravan.Signing.NodeKey";

    private static readonly SemaphoreSlim FirstKey = new(1, 1);

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The key that signs now; the node's first is made here, once, even with several replicas starting together.</summary>
    public async Task<NodeSigningKey> ActiveAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<NodeSigningKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Active, cancellationToken) is { } active)
        {
            return active;
        }

        // Requests in this process that find no key wait for the first to make it, rather than each trying an insert that
        // the unique index refuses and the database layer logs as an error (at a node's first start, a partner fetching
        // its JWKS and the node's own start-up often ask at once).
        await FirstKey.WaitAsync(cancellationToken);
        try
        {
            if (await db.Set<NodeSigningKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Active, cancellationToken) is { } made)
            {
                return made;
            }

            var first = NewKey();
            db.Add(first);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return first;
            }
            catch (DbUpdateException)
            {
                // Another replica made the first key at the same moment: the unique index on the active key kept one.
                db.Entry(first).State = EntityState.Detached;
                return await db.Set<NodeSigningKey>().AsNoTracking().SingleAsync(k => k.Active, cancellationToken);
            }
        }
        finally
        {
            FirstKey.Release();
        }
    }

    /// <summary>Every key, newest first, for the administrator's page.</summary>
    public async Task<IReadOnlyList<NodeSigningKey>> AllAsync(CancellationToken cancellationToken = default) =>
        await db.Set<NodeSigningKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>The keys a verifier may use now: the active one and those still in their overlap.</summary>
    public async Task<IReadOnlyList<NodeSigningKey>> PublishedAsync(CancellationToken cancellationToken = default)
    {
        await ActiveAsync(cancellationToken);
        var now = Now;
        return await db.Set<NodeSigningKey>().AsNoTracking().Where(k => k.Active || k.ValidUntil > now)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A new key signs from now on. The one before keeps verifying for <see cref="SigningOptions.OverlapDays"/> days,
    /// so certificates and cards it signed stay valid while holders and partners fetch the new key.
    /// </summary>
    public async Task<NodeSigningKey> RotateAsync(CancellationToken cancellationToken = default)
    {
        await ActiveAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await db.Set<NodeSigningKey>().SingleAsync(k => k.Active, cancellationToken);
        current.Active = false;
        current.RetiredAt = Now;
        current.ValidUntil = Now.AddDays(options.Value.OverlapDays);
        // Saved before the new key is added: the unique index allows one active key at every moment.
        await db.SaveChangesAsync(cancellationToken);
        var next = NewKey();
        db.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        activeKey.Clear();
        return next;
    }

    /// <summary>The key's private half, for one signature; the caller disposes it.</summary>
    internal byte[] Pkcs8(NodeSigningKey key) => Protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));

    /// <summary>The key's public half as a security key a token handler verifies with.</summary>
    public static JsonWebKey PublicKey(NodeSigningKey key)
    {
        var jwk = new JsonWebKey(key.PublicJwk) { KeyId = key.KeyId, Use = JsonWebKeyUseNames.Sig, Alg = SecurityAlgorithms.EcdsaSha256 };
        return jwk;
    }

    private NodeSigningKey NewKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var jwk = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Crv = JsonWebKeyECTypes.P256,
            X = Base64UrlEncoder.Encode(point.X),
            Y = Base64UrlEncoder.Encode(point.Y),
        };
        var publicJwk = JsonSerializer.Serialize(new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y });
        return new NodeSigningKey
        {
            KeyId = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()),
            PublicJwk = publicJwk,
            ProtectedPrivateKey = Convert.ToBase64String(Protector.Protect(ecdsa.ExportPkcs8PrivateKey())),
            CreatedAt = Now,
            Active = true,
        };
    }
}
