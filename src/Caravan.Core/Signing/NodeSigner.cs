using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Signing;

public enum SignatureCheck
{
    /// <summary>Signed by one of this node's keys that still verifies, and unchanged since.</summary>
    Valid,

    /// <summary>Not a JWS, changed after signing, or signed by someone else with this node's key id.</summary>
    Tampered,

    /// <summary>Signed with a key this node never had: another node's, or made up.</summary>
    UnknownKey,

    /// <summary>Signed with a key of this node whose overlap after rotation has ended.</summary>
    KeyExpired,
}

/// <summary>What a verification found: the check, and the payload and key id when the signature is valid.</summary>
public sealed record SignatureResult(SignatureCheck Check, JsonElement? Payload, string? KeyId);

/// <summary>
/// Signs payloads as compact JWS (ES256) with the node's active key, and verifies them against the keys it publishes.
/// Certificates, departure cards and messages between nodes all use this one key (GUIDE.md §6).
/// </summary>
public sealed class NodeSigner(NodeKeyRing keys, ActiveKeyCache activeKey, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="type">The JWS "typ" header, which says what the payload is (for example "caravan-certificate+jwt").</param>
    /// <param name="payload">Serialised as JSON with its property names as they are.</param>
    /// <param name="cancellationToken">Stops reading the key.</param>
    public async Task<string> SignAsync(string type, object payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        using var batch = await BatchAsync(cancellationToken);
        return batch.Sign(type, JsonSerializer.Serialize(payload));
    }

    /// <summary>
    /// Opens the active key once for many signatures, as a delivery of hundreds of messages to a partner needs; the
    /// caller disposes it, which drops the private key from memory.
    /// </summary>
    public async Task<BatchSigner> BatchAsync(CancellationToken cancellationToken = default)
    {
        var active = activeKey.Get();
        if (active is null)
        {
            var key = await keys.ActiveAsync(cancellationToken);
            active = activeKey.Set(key.KeyId, keys.Pkcs8(key));
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(active.Pkcs8, out _);
        return new BatchSigner(ecdsa, active.KeyId);
    }

    public async Task<SignatureResult> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 8_000 || !Handler.CanReadToken(token))
        {
            return new SignatureResult(SignatureCheck.Tampered, null, null);
        }

        string kid;
        try
        {
            kid = Handler.ReadJsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return new SignatureResult(SignatureCheck.Tampered, null, null);
        }

        var all = await keys.AllAsync(cancellationToken);
        var key = all.FirstOrDefault(k => k.KeyId == kid);
        if (key is null)
        {
            return new SignatureResult(SignatureCheck.UnknownKey, null, kid);
        }

        if (!key.VerifiesAt(time.GetUtcNow().UtcDateTime))
        {
            return new SignatureResult(SignatureCheck.KeyExpired, null, kid);
        }

        var result = await Handler.ValidateTokenAsync(token, SignatureRules.For(NodeKeyRing.PublicKey(key)));
        if (!result.IsValid)
        {
            return new SignatureResult(SignatureCheck.Tampered, null, kid);
        }

        using var document = JsonDocument.Parse(Base64UrlEncoder.Decode(((JsonWebToken)result.SecurityToken).EncodedPayload));
        return new SignatureResult(SignatureCheck.Valid, document.RootElement.Clone(), kid);
    }
}

/// <summary>The node's active private key, open for a run of signatures. Not thread-safe; dispose it when done.</summary>
public sealed class BatchSigner : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ECDsa ecdsa;
    private readonly SigningCredentials credentials;

    internal BatchSigner(ECDsa ecdsa, string keyId)
    {
        this.ecdsa = ecdsa;
        KeyId = keyId;
        // The key object is this signer's own and disposed with it: the handler must not cache a provider built on it.
        var securityKey = new ECDsaSecurityKey(ecdsa) { KeyId = keyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        credentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
    }

    public string KeyId { get; }

    /// <param name="type">The JWS "typ" header.</param>
    /// <param name="payloadJson">The payload, already serialised.</param>
    public string Sign(string type, string payloadJson) =>
        Handler.CreateToken(payloadJson, credentials, new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = type });

    public void Dispose() => ecdsa.Dispose();
}
