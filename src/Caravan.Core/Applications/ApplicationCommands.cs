using Caravan.Core.Agencies;
using Caravan.Core.Contracts;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Applications;

/// <summary>
/// The migrant's side of an application: applying under a consent to share named fields, and withdrawing, which
/// ends the consent in the same save. Every refusal is checked before anything is written.
/// </summary>
public sealed class ApplicationCommands(
    CaravanDbContext db, RegistryCommands registry, IOptions<ApplicationOptions> options, IOptions<FeePolicyOptions> fees, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public int MinimumAge => options.Value.MinimumAge;

    /// <summary>Why this person may not apply to this vacancy now, as a resource key with arguments; null when they may.</summary>
    public async Task<ApplicationResult?> RefusalAsync(Person person, Vacancy? vacancy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (vacancy is null || vacancy.Status != VacancyStatus.Published || vacancy.ApplicationDeadline < Today)
        {
            return ApplicationResult.Refused("Application.VacancyClosed");
        }

        var agency = vacancy.Agency ?? await db.Set<Agency>().AsNoTracking().SingleAsync(a => a.Id == vacancy.AgencyId, cancellationToken);
        if (agency.LicenceStatus != LicenceStatus.Valid || agency.LicenceValidUntil < Today)
        {
            return ApplicationResult.Refused("Application.AgencyUnlicensed");
        }

        if (fees.Value.Kind == FeePolicyKind.ZeroFee && !vacancy.FeeFree)
        {
            return ApplicationResult.Refused("Application.FeesForbidden");
        }

        if (person.Status != PersonStatus.Active)
        {
            return ApplicationResult.Refused("Application.NotRegistered");
        }

        if (person.BirthDate is not { } born || ApplicationRules.AgeOn(born, Today) < MinimumAge)
        {
            return ApplicationResult.Refused("Application.UnderAge", MinimumAge);
        }

        var ids = await registry.RecordIdsAsync(person.Id, cancellationToken);
        if (await db.Set<JobApplication>().AnyAsync(a => ids.Contains(a.PersonId) && a.VacancyId == vacancy.Id && a.Status != JobApplicationStatus.Withdrawn, cancellationToken))
        {
            return ApplicationResult.Refused("Application.AlreadyApplied");
        }

        return null;
    }

    /// <summary>
    /// Applies, with the consent to share <paramref name="fields"/> (the name always) with the vacancy's agency, given
    /// with the notice as the person read it. The application, the consent and the fact are one save.
    /// </summary>
    public async Task<ApplicationResult> ApplyAsync(Person person, Guid vacancyId, SharedFields fields, (string Version, string Language, string Text) notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var vacancy = await db.Set<Vacancy>().AsNoTracking().Include(v => v.Agency).SingleOrDefaultAsync(v => v.Id == vacancyId, cancellationToken);
        if (await RefusalAsync(person, vacancy, cancellationToken) is { } refused)
        {
            return refused;
        }

        fields |= SharedFields.Name;
        var consent = PersonConsents.Given(person.Id, ConsentPurpose.Application, vacancy!.AgencyId, notice, Now, person.Reference, null);
        db.Add(consent);
        // A withdrawn application to the same vacancy is reopened, so one person and vacancy stay one row.
        var application = await db.Set<JobApplication>().SingleOrDefaultAsync(a => a.PersonId == person.Id && a.VacancyId == vacancy.Id, cancellationToken);
        if (application is null)
        {
            application = new JobApplication { PersonId = person.Id, VacancyId = vacancy.Id, AgencyId = vacancy.AgencyId };
            db.Add(application);
        }

        application.Status = JobApplicationStatus.Submitted;
        application.Fields = fields;
        application.ConsentId = consent.Id;
        application.RejectionReason = null;
        application.RejectionNote = null;
        application.AppliedAt = Now;
        application.UpdatedAt = Now;
        application.DecidedAt = null;
        application.WithdrawnAt = null;
        db.Add(FactWriter.ForApplication(FactKind.Application, vacancy, FactPerson.Of(person), Today, Now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request applied first: the unique index on person and vacancy kept the second row out.
            db.ChangeTracker.Clear();
            return ApplicationResult.Refused("Application.AlreadyApplied");
        }

        return ApplicationResult.Done(application);
    }

    /// <summary>Withdraws an open application: the agency's view of the shared fields ends with the consent, at once.</summary>
    public async Task<ApplicationResult> WithdrawAsync(Person person, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var ids = await registry.RecordIdsAsync(person.Id, cancellationToken);
        var application = await db.Set<JobApplication>().SingleOrDefaultAsync(a => a.Id == applicationId && ids.Contains(a.PersonId), cancellationToken);
        if (application is null)
        {
            return ApplicationResult.Refused("Application.NotFound");
        }

        if (!application.IsOpen)
        {
            return ApplicationResult.Refused("Application.NotOpen");
        }

        application.Status = JobApplicationStatus.Withdrawn;
        application.WithdrawnAt = Now;
        application.UpdatedAt = Now;
        await db.Set<Consent>().Where(c => c.Id == application.ConsentId && c.WithdrawnAt == null).LoadAsync(cancellationToken);
        if (db.Set<Consent>().Local.SingleOrDefault(c => c.Id == application.ConsentId) is { WithdrawnAt: null } consent)
        {
            consent.WithdrawnAt = Now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ApplicationResult.Done(application);
    }
}
