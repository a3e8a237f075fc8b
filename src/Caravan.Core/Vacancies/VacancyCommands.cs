using Caravan.Core.Statistics;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

public enum CloseVacancyResult
{
    Closed,
    NotFound,
    AlreadyClosed,
}

public enum SubmitStatus
{
    /// <summary>Saved and waiting for an officer.</summary>
    Submitted,

    /// <summary>The agency had already sent a vacancy with this reference; nothing new was written.</summary>
    Duplicate,

    /// <summary>A field is missing or malformed.</summary>
    Invalid,

    /// <summary>Well-formed, but an automatic check stops it: fees over policy, a blacklisted employer, and so on.</summary>
    Blocked,
}

public sealed record SubmitOutcome(SubmitStatus Status, Vacancy? Vacancy, IReadOnlyList<(string Field, string Key)> Errors, IReadOnlyList<VacancyCheck> Checks);

public enum ReviewStatus
{
    Done,
    NotFound,
    NotPending,
    Blocked,
}

/// <summary>Writes to vacancies. Each method is one SaveChanges, so one transaction, audited by the context.</summary>
public sealed class VacancyCommands(CaravanDbContext db, TimeProvider time, VacancyChecks checks, FactWriter facts, VacancySubmission submission)
{
    public const int MaxReasonLength = 500;
    public const string ReferencePrefix = VacancySubmission.ReferencePrefix;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<SubmitOutcome> SubmitAsync(Guid agencyId, VacancyInput input, CancellationToken cancellationToken = default) =>
        (await SubmitManyAsync(agencyId, [input], cancellationToken))[0];

    /// <summary>Submits vacancies for one agency; see <see cref="VacancySubmission"/>.</summary>
    public Task<IReadOnlyList<SubmitOutcome>> SubmitManyAsync(Guid agencyId, IReadOnlyList<VacancyInput> inputs, CancellationToken cancellationToken = default) =>
        submission.SubmitManyAsync(agencyId, inputs, cancellationToken);

    /// <summary>A vacancy waiting for approval, with what the checks need; null outside the officer's country.</summary>
    public Task<Vacancy?> ForReviewAsync(string reference, string country, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().Include(v => v.Agency).ThenInclude(a => a!.Destinations).Include(v => v.Employer)
            .Include(v => v.Costs).Include(v => v.Translations).AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Reference == reference && v.Agency!.CountryCode == country, cancellationToken);

    public Task<List<Vacancy>> PendingAsync(string country, CancellationToken cancellationToken = default) =>
        db.Set<Vacancy>().AsNoTracking().Include(v => v.Agency)
            .Where(v => v.Status == VacancyStatus.PendingApproval && v.Agency!.CountryCode == country)
            .OrderBy(v => v.SubmittedAt).ToListAsync(cancellationToken);

    public Task<IReadOnlyList<VacancyCheck>> RecheckAsync(Vacancy vacancy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        return checks.RunAsync(InputFrom(vacancy), vacancy.Agency!, vacancy.Employer, Today, cancellationToken);
    }

    /// <summary>Publishes after running every check again: the licence or the employer may have changed since submission.</summary>
    public async Task<(ReviewStatus Status, IReadOnlyList<VacancyCheck> Checks)> ApproveAsync(string reference, string country, string? note, CancellationToken cancellationToken = default)
    {
        var vacancy = await ForReviewAsync(reference, country, cancellationToken);
        if (vacancy is null)
        {
            return (ReviewStatus.NotFound, []);
        }

        if (vacancy.Status != VacancyStatus.PendingApproval)
        {
            return (ReviewStatus.NotPending, []);
        }

        var results = await RecheckAsync(vacancy, cancellationToken);
        if (results.Any(c => c.Blocks))
        {
            return (ReviewStatus.Blocked, results);
        }

        vacancy.Status = VacancyStatus.Published;
        vacancy.PublishedAt = Now;
        vacancy.ReviewedAt = Now;
        vacancy.ReviewNote = note;
        facts.AddVacancy(vacancy, FactKind.VacancyPublished, Now);
        await db.SaveChangesAsync(cancellationToken);
        return (ReviewStatus.Done, results);
    }

    public async Task<ReviewStatus> RejectAsync(string reference, string country, string reason, CancellationToken cancellationToken = default)
    {
        var vacancy = await ForReviewAsync(reference, country, cancellationToken);
        if (vacancy is null)
        {
            return ReviewStatus.NotFound;
        }

        if (vacancy.Status != VacancyStatus.PendingApproval)
        {
            return ReviewStatus.NotPending;
        }

        vacancy.Status = VacancyStatus.Rejected;
        vacancy.ReviewedAt = Now;
        vacancy.ReviewNote = reason;
        await db.SaveChangesAsync(cancellationToken);
        return ReviewStatus.Done;
    }

    /// <summary>Closes one of the agency's own vacancies; another agency's is reported as not found.</summary>
    public async Task<CloseVacancyResult> CloseAsync(Guid agencyId, string reference, string reason, CancellationToken cancellationToken = default)
    {
        var vacancy = await db.Set<Vacancy>().SingleOrDefaultAsync(v => v.Reference == reference && v.AgencyId == agencyId, cancellationToken);
        if (vacancy is null)
        {
            return CloseVacancyResult.NotFound;
        }

        if (vacancy.Status == VacancyStatus.Closed)
        {
            return CloseVacancyResult.AlreadyClosed;
        }

        vacancy.Status = VacancyStatus.Closed;
        vacancy.ClosedAt = Now;
        vacancy.ClosedReason = reason;
        // A vacancy closed before it was ever published was never counted as published, so its closing is not counted either.
        if (vacancy.PublishedAt is not null)
        {
            facts.AddVacancy(vacancy, FactKind.VacancyClosed, Now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return CloseVacancyResult.Closed;
    }

    public static VacancyInput InputFrom(Vacancy vacancy)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        return new VacancyInput
        {
            AgencyReference = vacancy.AgencyReference,
            EmployerRegistrationId = vacancy.Employer?.RegistrationId,
            IscoCode = vacancy.IscoCode,
            Title = vacancy.Title,
            Description = vacancy.Description,
            TextLanguage = vacancy.TextLanguage,
            DestinationCountry = vacancy.DestinationCountry,
            City = vacancy.City,
            Positions = vacancy.Positions,
            MonthlyWage = vacancy.WageAmount,
            WageCurrency = vacancy.WageCurrency,
            HoursPerWeek = vacancy.HoursPerWeek,
            ContractMonths = vacancy.ContractMonths,
            HousingProvided = vacancy.HousingProvided,
            MealsProvided = vacancy.MealsProvided,
            TransportProvided = vacancy.TransportProvided,
            RequiredLanguages = vacancy.RequiredLanguages,
            RequiredSkills = vacancy.RequiredSkills,
            ApplicationDeadline = vacancy.ApplicationDeadline,
            Costs = [.. vacancy.Costs.Select(c => new CostInput(c.Item, c.Amount, c.Currency))],
            Translations = [.. vacancy.Translations.Select(t => new TranslationInput(t.Language, t.Title, t.Description))],
        };
    }
}
