using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Applications;

/// <summary>
/// The agency's side: shortlist, reject with a reason, select, and record the selected worker's departure, which
/// makes the application a placement. Each acts only on the agency's own open applications, on the version the
/// staff member was shown.
/// </summary>
public sealed class ApplicationDecisions(CaravanDbContext db, JourneyCommands journeys, Training.DepartureRules rules, Messaging.MigrantNotices notices, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public Task<ApplicationResult> ShortlistAsync(Guid agencyId, Guid applicationId, Guid? seenVersion, CancellationToken cancellationToken = default) =>
        DecideAsync(agencyId, applicationId, seenVersion, [JobApplicationStatus.Submitted], a => a.Status = JobApplicationStatus.Shortlisted, cancellationToken);

    public Task<ApplicationResult> RejectAsync(Guid agencyId, Guid applicationId, Guid? seenVersion, RejectionReason? reason, string? note, CancellationToken cancellationToken = default)
    {
        if (reason is null || !Enum.IsDefined(reason.Value))
        {
            return Task.FromResult(ApplicationResult.Refused("Application.ReasonRequired"));
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text?.Length > ApplicationRules.MaxNoteLength)
        {
            return Task.FromResult(ApplicationResult.Refused("Application.NoteTooLong", ApplicationRules.MaxNoteLength));
        }

        return DecideAsync(agencyId, applicationId, seenVersion, [JobApplicationStatus.Submitted, JobApplicationStatus.Shortlisted, JobApplicationStatus.Selected], a =>
        {
            a.Status = JobApplicationStatus.Rejected;
            a.RejectionReason = reason;
            a.RejectionNote = text;
        }, cancellationToken);
    }

    /// <summary>Selects the applicant, and counts the selection for statistics in the same save.</summary>
    public async Task<ApplicationResult> SelectAsync(Guid agencyId, Guid applicationId, Guid? seenVersion, CancellationToken cancellationToken = default)
    {
        var result = await DecideAsync(agencyId, applicationId, seenVersion, [JobApplicationStatus.Submitted, JobApplicationStatus.Shortlisted], _ => { }, cancellationToken, save: false);
        if (result.Application is not { } application)
        {
            return result;
        }

        var vacancy = await db.Set<Vacancy>().AsNoTracking().SingleAsync(v => v.Id == application.VacancyId, cancellationToken);
        var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == application.PersonId, cancellationToken);
        application.Status = JobApplicationStatus.Selected;
        db.Add(FactWriter.ForApplication(FactKind.Selection, vacancy, FactPerson.Of(person), DateOnly.FromDateTime(Now), Now));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Records the selected worker's departure through the placement path every agency uses (contract check, facts),
    /// and marks the application placed, in one save: a departure is never recorded without its application moving.
    /// </summary>
    public async Task<ApplicationResult> PlaceAsync(Guid agencyId, Guid applicationId, Guid? seenVersion, DepartureInput input, Guid? byUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A placement is announced by the departure card's notice, so the migrant gets one SMS, not two.
        var result = await DecideAsync(agencyId, applicationId, seenVersion, [JobApplicationStatus.Selected], _ => { }, cancellationToken, save: false, notify: false);
        if (result.Application is not { } application)
        {
            return result;
        }

        var person = await db.Set<Person>().SingleAsync(p => p.Id == application.PersonId, cancellationToken);
        if (await rules.CertificateMissingAsync([person.Id], input.Destination, cancellationToken))
        {
            return new ApplicationResult(null, "Journey.CertificateRequired");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var departure = await journeys.RecordDepartureAsync(person, input with { VacancyId = application.VacancyId, AgencyId = agencyId, Independent = false }, RecordedBy.Agency, byUserId, cancellationToken);
        application.Status = JobApplicationStatus.Placed;
        application.DepartureId = departure.Id;
        application.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<ApplicationResult> DecideAsync(
        Guid agencyId, Guid applicationId, Guid? seenVersion, JobApplicationStatus[] from, Action<JobApplication> change, CancellationToken cancellationToken, bool save = true, bool notify = true)
    {
        var application = await db.Set<JobApplication>().SingleOrDefaultAsync(a => a.Id == applicationId && a.AgencyId == agencyId, cancellationToken);
        if (application is null)
        {
            return ApplicationResult.Refused("Application.NotFound");
        }

        if (seenVersion is not null && seenVersion != application.Version)
        {
            return ApplicationResult.Refused("Records.ChangedMeanwhile");
        }

        if (!from.Contains(application.Status))
        {
            return ApplicationResult.Refused(application.Status == JobApplicationStatus.Withdrawn ? "Application.WasWithdrawn" : "Application.NotOpen");
        }

        change(application);
        application.UpdatedAt = Now;
        application.DecidedAt = Now;
        if (notify)
        {
            await notices.QueueAsync(application.PersonId, Messaging.MigrantNotice.ApplicationStatusChanged, cancellationToken);
        }

        if (save)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return ApplicationResult.Done(application);
    }
}
