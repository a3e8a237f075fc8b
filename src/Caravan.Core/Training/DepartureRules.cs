using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Training;

/// <summary>A destination for which the node requires a pre-departure training certificate before a departure is recorded.</summary>
public sealed class CertificateRequirement
{
    public required string DestinationCountry { get; set; }

    public DateTime SetAt { get; set; }

    public required string SetBy { get; set; }
}

internal sealed class CertificateRequirementMapping : IEntityTypeConfiguration<CertificateRequirement>
{
    public void Configure(EntityTypeBuilder<CertificateRequirement> builder)
    {
        builder.HasKey(r => r.DestinationCountry);
        builder.Property(r => r.DestinationCountry).HasMaxLength(2);
        builder.Property(r => r.SetBy).HasMaxLength(100);
    }
}

/// <summary>
/// The node's rule, set by an administrator, that some destinations need a training certificate before departure. A
/// certificate counts when it is not revoked and its course is for that destination or for every destination.
/// </summary>
public sealed class DepartureRules(CaravanDbContext db, Audit.IAuditActor actor, TimeProvider time)
{
    public async Task<IReadOnlySet<string>> RequiredForAsync(CancellationToken cancellationToken = default) =>
        (await db.Set<CertificateRequirement>().AsNoTracking().Select(r => r.DestinationCountry).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Makes exactly these destinations require a certificate; each change is an audited row.</summary>
    public async Task SetAsync(IEnumerable<string> destinations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var wanted = destinations.Select(d => d.Trim().ToUpperInvariant()).Where(d => d.Length == 2).ToHashSet(StringComparer.Ordinal);
        var rows = await db.Set<CertificateRequirement>().ToListAsync(cancellationToken);
        db.RemoveRange(rows.Where(r => !wanted.Contains(r.DestinationCountry)));
        foreach (var destination in wanted.Except(rows.Select(r => r.DestinationCountry)))
        {
            db.Add(new CertificateRequirement { DestinationCountry = destination, SetAt = time.GetUtcNow().UtcDateTime, SetBy = actor.Name });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>True when the destination needs a certificate and none of these records holds a valid one for it.</summary>
    public async Task<bool> CertificateMissingAsync(IReadOnlyCollection<Guid> personIds, string destination, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<CertificateRequirement>().AnyAsync(r => r.DestinationCountry == destination, cancellationToken))
        {
            return false;
        }

        // About is the course topic, followed by its destination for a destination's course (TrainingCertificates).
        var held = await db.Set<Credential>().AsNoTracking()
            .Where(c => c.Kind == CredentialKind.TrainingCertificate && personIds.Contains(c.PersonId) && c.RevokedAt == null)
            .Select(c => c.About).ToListAsync(cancellationToken);
        return !held.Any(about => !about.Contains(' ', StringComparison.Ordinal) || about.EndsWith(" " + destination, StringComparison.Ordinal));
    }
}
