using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

/// <summary>
/// Submits vacancies for one agency, from the form (one row) or the bulk API (up to 10,000). Each row stands alone: a
/// bad row is reported and skipped, good rows are kept, and a row repeating an agency reference already sent returns
/// the existing vacancy instead of a copy.
/// </summary>
public sealed class VacancySubmission(CaravanDbContext db, TimeProvider time, Catalogue catalogue, VacancyChecks checks, RateTable rates, BulkInsert bulk)
{
    public const string ReferencePrefix = "VAC";

    /// <summary>New references start above the demo's, which use 1000–1029.</summary>
    private const long FirstReference = 100_000;

    public async Task<IReadOnlyList<SubmitOutcome>> SubmitManyAsync(Guid agencyId, IReadOnlyList<VacancyInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var agency = await db.Set<Agency>().AsNoTracking().Include(a => a.Destinations).SingleAsync(a => a.Id == agencyId, cancellationToken);
        var employers = await db.Set<ForeignEmployer>().AsNoTracking().Where(e => e.AgencyId == agencyId)
            .ToDictionaryAsync(e => e.RegistrationId, StringComparer.Ordinal, cancellationToken);
        var iscoUnits = await catalogue.IscoUnitCodesAsync(cancellationToken);
        var currencies = await catalogue.CurrencyCodesAsync(cancellationToken);
        // A reference with a control character fails validation below; PostgreSQL would refuse a NUL even in the lookup.
        var references = inputs.Select(i => i.AgencyReference?.Trim()).Where(r => !string.IsNullOrEmpty(r) && !r.Any(char.IsControl)).Distinct().ToList();
        var existing = references.Count == 0
            ? new Dictionary<string, Vacancy>(StringComparer.Ordinal)
            : await db.Set<Vacancy>().AsNoTracking().Where(v => v.AgencyId == agencyId && references.Contains(v.AgencyReference!))
                .ToDictionaryAsync(v => v.AgencyReference!, StringComparer.Ordinal, cancellationToken);

        var rateTable = await rates.RatesAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var outcomes = new SubmitOutcome[inputs.Count];
        var candidates = new List<(int Row, VacancyInput Input, ForeignEmployer Employer)>();
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

            candidates.Add((row, input, employer!));
        }

        var accepted = new List<(int Row, Vacancy Vacancy, IReadOnlyList<VacancyCheck> Checks)>();
        foreach (var (row, input, employer) in candidates)
        {
            var results = await checks.RunAsync(input, agency, employer, today, cancellationToken);
            if (results.Any(c => c.Blocks))
            {
                outcomes[row] = new SubmitOutcome(SubmitStatus.Blocked, null, [], results);
                continue;
            }

            var vacancy = Create(agencyId, employer, input, now);
            vacancy.WageUsdCents = VacancyWages.ToCents(vacancy.WageAmount, vacancy.WageCurrency, rateTable);
            accepted.Add((row, vacancy, results));
        }

        if (accepted.Count == 0)
        {
            return outcomes;
        }

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
        return outcomes;
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

    private static Vacancy Create(Guid agencyId, ForeignEmployer employer, VacancyInput input, DateTime now)
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
            SubmittedAt = now,
        };
        vacancy.Costs = [.. input.Costs.Select(c => new VacancyCost { VacancyId = vacancy.Id, Item = c.Item!, Amount = c.Amount!.Value, Currency = c.Currency! })];
        vacancy.Translations = [.. input.Translations.Select(t => new VacancyTranslation { VacancyId = vacancy.Id, Language = t.Language!, Title = t.Title!, Description = t.Description! })];
        vacancy.FeeFree = vacancy.Costs.Count == 0;
        vacancy.RefreshSearchKey();
        return vacancy;
    }
}
