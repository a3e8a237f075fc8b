using Caravan.Core.Agencies;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

/// <summary>What a partner may ask this node to confirm.</summary>
public enum VerificationSubject
{
    Certificate,
    Licence,
    Departure,
}

/// <summary>The whole answer a partner gets: valid, not valid, or unknown here, and nothing more.</summary>
public enum VerificationVerdict
{
    Valid,
    NotValid,
    Unknown,
}

/// <summary>
/// Answers a partner's question about something this node issued: a training certificate, an agency's licence (for a
/// destination), a departure card. The answer says nothing of who holds it or why it is not valid.
/// </summary>
public sealed class VerificationAnswers(CaravanDbContext db, TimeProvider time)
{
    public static string Wire(VerificationSubject subject) => subject switch
    {
        VerificationSubject.Certificate => "certificate",
        VerificationSubject.Licence => "licence",
        VerificationSubject.Departure => "departure",
        _ => throw new ArgumentOutOfRangeException(nameof(subject)),
    };

    public static string Wire(VerificationVerdict verdict) => verdict switch
    {
        VerificationVerdict.Valid => "valid",
        VerificationVerdict.NotValid => "notValid",
        VerificationVerdict.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static VerificationSubject? SubjectOf(string? wire) => wire switch
    {
        "certificate" => VerificationSubject.Certificate,
        "licence" => VerificationSubject.Licence,
        "departure" => VerificationSubject.Departure,
        _ => null,
    };

    public static VerificationVerdict? VerdictOf(string? wire) => wire switch
    {
        "valid" => VerificationVerdict.Valid,
        "notValid" => VerificationVerdict.NotValid,
        "unknown" => VerificationVerdict.Unknown,
        _ => null,
    };

    public async Task<VerificationVerdict> AnswerAsync(VerificationSubject subject, string code, string? destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (subject == VerificationSubject.Licence)
        {
            var licence = code.Trim().ToUpperInvariant();
            var agency = await db.Set<Agency>().AsNoTracking().Include(a => a.Destinations).SingleOrDefaultAsync(a => a.LicenceNumber == licence, cancellationToken);
            if (agency is null)
            {
                return VerificationVerdict.Unknown;
            }

            var licensed = agency.EffectiveStatus(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) == LicenceStatus.Valid
                && (destination is null || agency.Destinations.Any(d => d.CountryCode == destination));
            return licensed ? VerificationVerdict.Valid : VerificationVerdict.NotValid;
        }

        var kind = subject == VerificationSubject.Certificate ? CredentialKind.TrainingCertificate : CredentialKind.DepartureCard;
        var normalised = CredentialCodes.Normalise(code);
        var credential = normalised is null ? null : await db.Set<Credential>().AsNoTracking()
            .Where(c => c.Code == normalised && c.Kind == kind).Select(c => new { c.RevokedAt }).SingleOrDefaultAsync(cancellationToken);
        return credential is null ? VerificationVerdict.Unknown : credential.RevokedAt is null ? VerificationVerdict.Valid : VerificationVerdict.NotValid;
    }
}
