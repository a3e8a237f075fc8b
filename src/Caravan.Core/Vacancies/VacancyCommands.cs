using Caravan.Core.Statistics;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
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
public sealed class VacancyCommands(CaravanDbContext db, TimeProvider time, Catalogue catalogue, VacancyChecks checks, RateTable rates, FactWriter facts, BulkInsert bulk)
{
    public const int MaxReasonLength = 500;
    public const string ReferencePrefix = "VAC";

    /// <summary>New references start above the demo's, which use 1000–1029.</summary>
    private const long FirstReference = 100_000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<SubmitOutcome> SubmitAsync(Guid agencyId, VacancyInput input, CancellationToken cancellationToken = default) =>
        (await SubmitManyAsync(agencyId, [input], cancellationToken))[0];

    /// <summary>
    /// Submits vacancies for one agency. Each row stands alone: a bad row is reported and skipped, good rows are kept,
    /// and a row repeating an agency reference already sent returns the existing vacancy instead of a copy.
    /// </summary>
    public async Task<IReadOnlyList<SubmitOutcome>> SubmitManyAsync(Guid agencyId, IReadOnlyList<VacancyInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var agency = await db.Set<Agency>().AsNoTracking().Include(a => a.Destinations).SingleAsync(a => a.Id == agencyId, cancellationToken);
        var employers = await db.Set<ForeignEmployer>().AsNoTracking().Where(e => e.AgencyId == agencyId)
            .ToDictionaryAsync(e => e.RegistrationId, StringComparer.Ordinal, cancellationToken);
        var iscoUnits = await catalogue.IscoUnitCodesAsync(cancellationToken);
        var currencies = await catalogue.CurrencyCodesAsync(cancellationToken);
        var references = inputs.Select(i => i.AgencyReference?.Trim()).Where(r => !string.IsNullOrEmpty(r)).Distinct().ToList();
        var existing = references.Count == 0
            ? new Dictionary<string, Vacancy>(StringComparer.Ordinal)
            : await db.Set<Vacancy>().AsNoTracking().Where(v => v.AgencyId == agencyId && references.Contains(v.AgencyReference!))
                .ToDictionaryAsync(v => v.AgencyReference!, StringComparer.Ordinal, cancellationToken);

        var today = Today;
        var rateTable = await rates.RatesAsync(cancellationToken);
        var outcomes = new SubmitOutcome[inputs.Count];
        var accepted = new List<(int Row, Vacancy Vacancy, IReadOnlyList<VacancyCheck> Checks)>();
        var seenInBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < inputs.Count; row++)
        {
            var input = Normalise(inputs[row]);
            var errors = input.Validate(today, iscoUnits, currencies).ToList();
            ForeignEmployer? employer = null;
            if (input.EmployerRegistrationId is { } employerId && !employers.TryGetValue(employerId, out employer))
            {
                errors.Add(("employer", "Vacancy.Error.EmployerNotRegistered"));
            }

            if (input.AgencyReference is { } reference)
            {
                if (existing.TryGetValue(reference, out var earlier))
                {
                    outcomes[row] = new SubmitOutcome(SubmitStatus.Duplicate, earlier, [], []);
                    continue;
                }

                if (!seenInBatch.Add(reference))
                {
                    errors.Add(("agencyReference", "Vacancy.Error.AgencyReferenceRepeated"));
                }
            }

            if (errors.Count > 0)
            {
                outcomes[row] = new SubmitOutcome(SubmitStatus.Invalid, null, errors, []);
                continue;
            }

            var results = await checks.RunAsync(input, agency, employer, today, cancellationToken);
            if (results.Any(c => c.Blocks))
            {
                outcomes[row] = new SubmitOutcome(SubmitStatus.Blocked, null, [], results);
                continue;
            }

            var vacancy = Create(agencyId, employer!, input);
            vacancy.WageUsdCents = VacancyWages.ToCents(vacancy.WageAmount, vacancy.WageCurrency, rateTable);
            accepted.Add((row, vacancy, results));
        }

        if (accepted.Count > 0)
        {
            // One transaction for the references, the rows and their audit entries: all of a batch's valid rows land, or none.
            // Written by COPY rather than SaveChanges: tracking thousands of entities cost most of a bulk upload (docs/performance.md).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var first = await db.ReserveAsync(ReferencePrefix, accepted.Count, FirstReference, cancellationToken);
            for (var i = 0; i < accepted.Count; i++)
            {
                var (row, vacancy, results) = accepted[i];
                vacancy.Reference = ReferenceCode.Create(ReferencePrefix, first + i);
                outcomes[row] = new SubmitOutcome(SubmitStatus.Submitted, vacancy, [], results);
            }

            await bulk.InsertAsync([.. accepted.Select(a => a.Vacancy)], cancellationToken);
            await bulk.InsertAsync([.. accepted.SelectMany(a => a.Vacancy.Costs)], cancellationToken);
            await bulk.InsertAsync([.. accepted.SelectMany(a => a.Vacancy.Translations)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return outcomes;
    }

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

    private static VacancyInput Normalise(VacancyInput input) => input with
    {
        AgencyReference = Trim(input.AgencyReference),
        EmployerRegistrationId = Trim(input.EmployerRegistrationId)?.ToUpperInvariant(),
        IscoCode = Trim(input.IscoCode),
        Title = Trim(input.Title),
        Description = Trim(input.Description),
        TextLanguage = Trim(input.TextLanguage),
        DestinationCountry = Trim(input.DestinationCountry)?.ToUpperInvariant(),
        City = Trim(input.City),
        WageCurrency = Trim(input.WageCurrency)?.ToUpperInvariant(),
        RequiredLanguages = Trim(input.RequiredLanguages),
        RequiredSkills = Trim(input.RequiredSkills),
        // Blank cost rows are what an unfilled form sends; they are not costs.
        Costs = [.. input.Costs.Where(c => !string.IsNullOrWhiteSpace(c.Item) || c.Amount is not null)
            .Select(c => new CostInput(Trim(c.Item), c.Amount, Trim(c.Currency)?.ToUpperInvariant()))],
        Translations = [.. input.Translations.Where(t => !string.IsNullOrWhiteSpace(t.Title) || !string.IsNullOrWhiteSpace(t.Description))
            .Select(t => new TranslationInput(Trim(t.Language), Trim(t.Title), Trim(t.Description)))],
    };

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Vacancy Create(Guid agencyId, ForeignEmployer employer, VacancyInput input)
    {
        var vacancy = new Vacancy
        {
            Reference = string.Empty,
            AgencyId = agencyId,
            EmployerId = employer.Id,
            AgencyReference = input.AgencyReference,
            IscoCode = input.IscoCode!,
            Title = input.Title!,
            Description = input.Description!,
            TextLanguage = input.TextLanguage,
            DestinationCountry = input.DestinationCountry!,
            City = input.City!,
            Positions = input.Positions!.Value,
            WageAmount = input.MonthlyWage!.Value,
            WageCurrency = input.WageCurrency!,
            HoursPerWeek = input.HoursPerWeek!.Value,
            ContractMonths = input.ContractMonths!.Value,
            HousingProvided = input.HousingProvided,
            MealsProvided = input.MealsProvided,
            TransportProvided = input.TransportProvided,
            RequiredLanguages = input.RequiredLanguages,
            RequiredSkills = input.RequiredSkills,
            ApplicationDeadline = input.ApplicationDeadline!.Value,
            Status = VacancyStatus.PendingApproval,
            SubmittedAt = Now,
        };
        vacancy.Costs = [.. input.Costs.Select(c => new VacancyCost { VacancyId = vacancy.Id, Item = c.Item!, Amount = c.Amount!.Value, Currency = c.Currency! })];
        vacancy.Translations = [.. input.Translations.Select(t => new TranslationInput(t.Language, t.Title, t.Description))
            .Select(t => new VacancyTranslation { VacancyId = vacancy.Id, Language = t.Language!, Title = t.Title!, Description = t.Description! })];
        vacancy.FeeFree = vacancy.Costs.Count == 0;
        vacancy.RefreshSearchKey();
        return vacancy;
    }
}
