using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Core.Signing;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Credentials;

public enum VerificationState
{
    Valid,
    Revoked,

    /// <summary>No credential with this code, or a payload signed by a key this node never had.</summary>
    Unknown,

    /// <summary>The payload was changed after signing, or is not a signed payload at all.</summary>
    Tampered,

    /// <summary>Signed with a key whose overlap after rotation has ended.</summary>
    KeyExpired,

    /// <summary>What was typed is neither a code nor a signed payload.</summary>
    Unreadable,
}

/// <summary>The answer of the public verification page: the state, and for a known credential only the minimum to match it to its holder.</summary>
public sealed record Verification(VerificationState State, CredentialKind? Kind, string? Code, string? Initials, string? About, DateOnly? On, DateTime? RevokedAt);

/// <summary>
/// Checks a credential from a typed code or a decoded QR payload. A payload's signature is checked first, against the
/// node's keys, then its code against the register, so a revoked credential is reported revoked even with a good signature.
/// </summary>
public sealed class CredentialVerifier(CaravanDbContext db, NodeSigner signer)
{
    public async Task<Verification> VerifyAsync(string? input, CancellationToken cancellationToken = default)
    {
        var text = input?.Trim() ?? string.Empty;
        string? code;
        if (text.Count(c => c == '.') == 2 && !text.Contains(' ', StringComparison.Ordinal))
        {
            var signature = await signer.VerifyAsync(text, cancellationToken);
            var state = signature.Check switch
            {
                SignatureCheck.Valid => VerificationState.Valid,
                SignatureCheck.UnknownKey => VerificationState.Unknown,
                SignatureCheck.KeyExpired => VerificationState.KeyExpired,
                SignatureCheck.Tampered => VerificationState.Tampered,
                _ => VerificationState.Tampered,
            };
            if (state != VerificationState.Valid)
            {
                return new Verification(state, null, null, null, null, null, null);
            }

            code = signature.Payload is { ValueKind: JsonValueKind.Object } payload && payload.TryGetProperty("Code", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }
        else
        {
            code = CredentialCodes.Normalise(text);
            if (code is null)
            {
                return new Verification(VerificationState.Unreadable, null, null, null, null, null, null);
            }
        }

        var credential = code is null ? null : await db.Set<Credential>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, cancellationToken);
        return credential is null
            ? new Verification(VerificationState.Unknown, null, null, null, null, null, null)
            : new Verification(credential.RevokedAt is null ? VerificationState.Valid : VerificationState.Revoked, credential.Kind, credential.Code,
                credential.Initials, credential.About, credential.On, credential.RevokedAt);
    }
}
