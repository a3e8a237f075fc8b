using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Credentials;

public enum RevokeResult
{
    Revoked,
    NotFound,
    AlreadyRevoked,
}

/// <summary>Revocation: from that moment the verification page answers "revoked" for the code and for its QR.</summary>
public sealed class CredentialCommands(CaravanDbContext db, TimeProvider time)
{
    public const int MaxReason = 500;

    /// <summary>The credential an officer is about to revoke, by its code as typed.</summary>
    public async Task<Credential?> FindAsync(string? code, CancellationToken cancellationToken = default)
    {
        var normalised = CredentialCodes.Normalise(code);
        return normalised is null ? null : await db.Set<Credential>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalised, cancellationToken);
    }

    public async Task<RevokeResult> RevokeAsync(string code, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var normalised = CredentialCodes.Normalise(code);
        var credential = normalised is null ? null : await db.Set<Credential>().SingleOrDefaultAsync(c => c.Code == normalised, cancellationToken);
        if (credential is null)
        {
            return RevokeResult.NotFound;
        }

        if (credential.RevokedAt is not null)
        {
            return RevokeResult.AlreadyRevoked;
        }

        credential.RevokedAt = time.GetUtcNow().UtcDateTime;
        credential.RevokedReason = reason.Trim()[..Math.Min(reason.Trim().Length, MaxReason)];
        await db.SaveChangesAsync(cancellationToken);
        return RevokeResult.Revoked;
    }
}
