using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Signing;

/// <summary>
/// How every JWS Caravan reads is checked: ES256 only, signed, by the one key its kid named, and of the types the
/// caller expects (any, when none are named). Statements and messages carry their own dates and are judged by them,
/// so the JWT lifetime, issuer and audience checks are off.
/// </summary>
public static class SignatureRules
{
    public static TokenValidationParameters For(SecurityKey key, params string[] types) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = types.Length == 0 ? null : types,
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
        TryAllIssuerSigningKeys = false,
    };
}
