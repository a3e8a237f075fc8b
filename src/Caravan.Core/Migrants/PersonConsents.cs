using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>
/// A person's consents, across every record merged into theirs: given with the notice they read, checked before each
/// use, withdrawn at once.
/// </summary>
public sealed class PersonConsents(CaravanDbContext db, RegistryCommands registry, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<List<Consent>> ConsentsAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var ids = await registry.RecordIdsAsync(personId, cancellationToken);
        return await db.Set<Consent>().Where(c => ids.Contains(c.PersonId)).OrderByDescending(c => c.GivenAt).ToListAsync(cancellationToken);
    }

    public async Task<bool> HasConsentAsync(Guid personId, ConsentPurpose purpose, Guid? agencyId = null, CancellationToken cancellationToken = default)
    {
        var ids = await registry.RecordIdsAsync(personId, cancellationToken);
        return await db.Set<Consent>().AnyAsync(c => ids.Contains(c.PersonId) && c.Purpose == purpose && c.WithdrawnAt == null
            && (agencyId == null || c.AgencyId == agencyId), cancellationToken);
    }

    public async Task GiveConsentAsync(Person person, ConsentPurpose purpose, Guid? agencyId, string version, string language, string text, string givenBy, Guid? recordedById, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var ids = await registry.RecordIdsAsync(person.Id, cancellationToken);
        if (await db.Set<Consent>().AnyAsync(c => ids.Contains(c.PersonId) && c.Purpose == purpose && c.AgencyId == agencyId && c.WithdrawnAt == null, cancellationToken))
        {
            return;
        }

        db.Add(Given(person.Id, purpose, agencyId, (version, language, text), Now, givenBy, recordedById));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Withdraws a consent at once; later checks of the purpose see it gone.</summary>
    public async Task<bool> WithdrawConsentAsync(Guid personId, Guid consentId, CancellationToken cancellationToken = default)
    {
        var ids = await registry.RecordIdsAsync(personId, cancellationToken);
        var consent = await db.Set<Consent>().SingleOrDefaultAsync(c => c.Id == consentId && ids.Contains(c.PersonId) && c.WithdrawnAt == null, cancellationToken);
        if (consent is null)
        {
            return false;
        }

        consent.WithdrawnAt = Now;
        // The consent given with an application is the application's: withdrawing it withdraws the application in the
        // same save, so the agency cannot go on deciding on someone who took their details back.
        if (consent.Purpose == ConsentPurpose.Application)
        {
            var applications = await db.Set<Applications.JobApplication>().Where(a => a.ConsentId == consent.Id).ToListAsync(cancellationToken);
            foreach (var application in applications.Where(a => a.IsOpen))
            {
                application.Status = Applications.JobApplicationStatus.Withdrawn;
                application.WithdrawnAt = Now;
                application.UpdatedAt = Now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A consent as given: the purpose, the notice exactly as the person read it, when and before whom.</summary>
    public static Consent Given(Guid personId, ConsentPurpose purpose, Guid? agencyId, (string Version, string Language, string Text) notice, DateTime at, string givenBy, Guid? recordedById) => new()
    {
        PersonId = personId,
        Purpose = purpose,
        AgencyId = agencyId,
        NoticeVersion = notice.Version,
        NoticeLanguage = notice.Language,
        NoticeText = notice.Text,
        GivenAt = at,
        GivenBy = givenBy,
        RecordedById = recordedById,
    };
}
