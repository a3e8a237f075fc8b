using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Applications;

/// <summary>One application as its lists show it: the application, and what the vacancy is (in the reader's language when the agency gave it).</summary>
public sealed record ApplicationRow(
    Guid Id,
    JobApplicationStatus Status,
    DateTime AppliedAt,
    DateTime UpdatedAt,
    RejectionReason? RejectionReason,
    string? RejectionNote,
    string VacancyReference,
    string VacancyTitle,
    string? TitleLanguage,
    string Destination,
    string City,
    string AgencyName,
    Guid Version)
{
    /// <summary>The applicant's name, for the agency's list only while the consent given with the application stands.</summary>
    public string? ApplicantName { get; init; }

    public Guid PersonId { get; init; }
}

/// <summary>What an agency sees of one applicant: only the fields the person chose to share, only while they share them.</summary>
public sealed record ApplicantView(ApplicationRow Application, SharedFields Fields, Person? Person, bool Shared);

public sealed class ApplicationQueries(CaravanDbContext db, RegistryCommands registry)
{
    public const int MaxRows = 200;

    /// <summary>The person's own applications, newest first.</summary>
    public async Task<List<ApplicationRow>> MineAsync(Guid personId, string language, CancellationToken cancellationToken = default)
    {
        var ids = await registry.RecordIdsAsync(personId, cancellationToken);
        return await Rows(db.Set<JobApplication>().Where(a => ids.Contains(a.PersonId)).OrderByDescending(a => a.AppliedAt).Take(MaxRows), language)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The agency's applications, optionally for one vacancy or in one status, newest first, with the names shared with it.</summary>
    public async Task<List<ApplicationRow>> ForAgencyAsync(Guid agencyId, string? vacancyReference, JobApplicationStatus? status, string language, CancellationToken cancellationToken = default)
    {
        var query = db.Set<JobApplication>().Where(a => a.AgencyId == agencyId);
        if (!string.IsNullOrWhiteSpace(vacancyReference))
        {
            var reference = vacancyReference.Trim().ToUpperInvariant();
            query = query.Where(a => db.Set<Vacancy>().Any(v => v.Id == a.VacancyId && v.Reference == reference));
        }

        if (status is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }

        var shared = Shared();
        var rows = await Rows(query.OrderByDescending(a => a.AppliedAt).Take(MaxRows), language).ToListAsync(cancellationToken);
        var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
        var names = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, p => $"{p.GivenName} {p.FamilyName}", cancellationToken);
        var open = await shared.Where(a => a.AgencyId == agencyId && personIds.Contains(a.PersonId)).Select(a => a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r with { ApplicantName = open.Contains(r.Id) ? names.GetValueOrDefault(r.PersonId) : null })];
    }

    /// <summary>One of the agency's applications, with the person's shared fields when the consent still stands; null for another agency's.</summary>
    public async Task<ApplicantView?> ForAgencyAsync(Guid agencyId, Guid applicationId, string language, CancellationToken cancellationToken = default)
    {
        var row = await Rows(db.Set<JobApplication>().Where(a => a.Id == applicationId && a.AgencyId == agencyId), language).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var fields = await db.Set<JobApplication>().Where(a => a.Id == applicationId).Select(a => a.Fields).SingleAsync(cancellationToken);
        var isShared = await Shared().AnyAsync(a => a.Id == applicationId, cancellationToken);
        var person = isShared ? await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == row.PersonId, cancellationToken) : null;
        return new ApplicantView(row with { ApplicantName = person is null ? null : $"{person.GivenName} {person.FamilyName}" }, fields, person, isShared);
    }

    /// <summary>The person's application to a vacancy, if any (withdrawn ones included).</summary>
    public async Task<JobApplication?> ForVacancyAsync(Guid personId, Guid vacancyId, CancellationToken cancellationToken = default)
    {
        var ids = await registry.RecordIdsAsync(personId, cancellationToken);
        return await db.Set<JobApplication>().AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.VacancyId == vacancyId)
            .OrderByDescending(a => a.AppliedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Applications whose fields the agency may read: not withdrawn, and the consent given with them still active.</summary>
    private IQueryable<JobApplication> Shared() => db.Set<JobApplication>().Where(a => a.Status != JobApplicationStatus.Withdrawn
        && db.Set<Consent>().Any(c => c.Id == a.ConsentId && c.WithdrawnAt == null));

    private IQueryable<ApplicationRow> Rows(IQueryable<JobApplication> query, string language) =>
        from a in query.AsNoTracking()
        join v in db.Set<Vacancy>() on a.VacancyId equals v.Id
        select new ApplicationRow(
            a.Id,
            a.Status,
            a.AppliedAt,
            a.UpdatedAt,
            a.RejectionReason,
            a.RejectionNote,
            v.Reference,
            v.Translations.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? v.Title,
            v.Translations.Where(t => t.Language == language).Select(t => t.Language).FirstOrDefault() ?? v.TextLanguage,
            v.DestinationCountry,
            v.City,
            v.Agency!.Name,
            a.Version)
        { PersonId = a.PersonId };
}
