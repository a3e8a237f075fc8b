using Caravan.Core.Contracts;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>What a departure records; checked by <see cref="JourneyCommands.Validate"/>.</summary>
public sealed record DepartureInput(
    string Destination,
    string City,
    bool Independent,
    Guid? AgencyId,
    Guid? VacancyId,
    string? EmployerName,
    string? Occupation,
    decimal? Wage,
    string? Currency,
    int? HoursPerWeek,
    int? ContractMonths,
    IReadOnlyList<DepartureCost> Costs,
    DateOnly? DepartureDate);

/// <summary>One entry of a person's journeys abroad, newest first on their page.</summary>
public sealed record JourneyEntry(Departure? Departure, PersonReturn? Return, EmploymentAbroad? Employment = null)
{
    public DateOnly Date => Return?.ReturnDate ?? Employment?.RegisteredOn ?? Departure!.DepartureDate;
}

/// <summary>
/// Departures and returns, each with its facts for statistics in the same SaveChanges, so a journey is never
/// counted without being recorded or recorded without being counted.
/// </summary>
public sealed class JourneyCommands(CaravanDbContext db, ContractChecker checker, FactWriter facts, Messaging.MigrantNotices notices, TimeProvider time)
{
    public const int MaxCosts = 10;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>Every problem with a departure, as (field, resource key); empty when it can be recorded.</summary>
    public IReadOnlyList<(string Field, string Key)> Validate(DepartureInput input, ISet<string> countries, ISet<string> currencies, ISet<string> iscoUnits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentNullException.ThrowIfNull(iscoUnits);
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Destination) || !countries.Contains(input.Destination))
        {
            errors.Add(("Destination", "Journey.DestinationRequired"));
        }

        if (string.IsNullOrWhiteSpace(input.City) || input.City.Trim().Length > 100)
        {
            errors.Add(("City", "Journey.CityRequired"));
        }

        if (!input.Independent && input.AgencyId is null)
        {
            errors.Add(("Agency", "Journey.AgencyRequired"));
        }

        if (input.Occupation is { Length: > 0 } isco && !iscoUnits.Contains(isco))
        {
            errors.Add(("Occupation", "Journey.OccupationUnknown"));
        }

        if (input.Wage is not > 0 or > 100_000_000)
        {
            errors.Add(("Wage", "Journey.WageRequired"));
        }

        if (string.IsNullOrWhiteSpace(input.Currency) || !currencies.Contains(input.Currency))
        {
            errors.Add(("Currency", "Journey.CurrencyRequired"));
        }

        if (input.HoursPerWeek is not (>= 1 and <= 100))
        {
            errors.Add(("HoursPerWeek", "Journey.HoursRequired"));
        }

        if (input.ContractMonths is not (>= 1 and <= 120))
        {
            errors.Add(("ContractMonths", "Journey.MonthsRequired"));
        }

        if (input.DepartureDate is not { } date)
        {
            errors.Add(("DepartureDate", "Journey.DateRequired"));
        }
        else if (date > Today.AddYears(1) || date.Year < 1990)
        {
            errors.Add(("DepartureDate", "Journey.DateOutOfRange"));
        }

        if (input.Costs.Count > MaxCosts)
        {
            errors.Add(("Costs", "Journey.TooManyCosts"));
        }

        foreach (var cost in input.Costs)
        {
            if (string.IsNullOrWhiteSpace(cost.Item) || cost.Item.Length > 100 || cost.Amount <= 0 || !currencies.Contains(cost.Currency))
            {
                errors.Add(("Costs", "Journey.CostInvalid"));
                break;
            }

            if (cost.PaidOn is { } paid && (paid > Today || paid.Year < 1990))
            {
                errors.Add(("Costs", "Journey.CostPaidOnInvalid"));
                break;
            }
        }

        return errors;
    }

    /// <summary>The agency a worker names by its licence number (as printed on its contract), if it is in the register.</summary>
    public async Task<Guid?> AgencyByLicenceAsync(string? licence, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(licence))
        {
            return null;
        }

        var number = licence.Trim().ToUpperInvariant();
        return await db.Set<Agencies.Agency>().Where(a => a.LicenceNumber == number).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records a departure with the contract check's flags and its fact.</summary>
    public async Task<Departure> RecordDepartureAsync(Person person, DepartureInput input, RecordedBy by, Guid? byUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(input);
        string? licence = null;
        if (!input.Independent && input.AgencyId is { } agencyId)
        {
            licence = await db.Set<Agencies.Agency>().Where(a => a.Id == agencyId).Select(a => a.LicenceNumber).SingleOrDefaultAsync(cancellationToken);
        }

        var totalFees = input.Costs.Where(c => c.Currency == input.Currency).Sum(c => c.Amount);
        var otherCurrency = input.Costs.FirstOrDefault(c => c.Currency != input.Currency);
        var flags = await checker.CheckAsync(new JobTerms(
            input.Destination,
            input.Wage,
            input.Currency,
            input.HoursPerWeek,
            input.Costs.Count == 0 ? 0 : otherCurrency is null ? totalFees : otherCurrency.Amount,
            otherCurrency?.Currency ?? input.Currency,
            null,
            licence), cancellationToken);

        var departure = new Departure
        {
            PersonId = person.Id,
            VacancyId = input.VacancyId,
            AgencyId = input.Independent ? null : input.AgencyId,
            Independent = input.Independent,
            Destination = input.Destination,
            City = input.City.Trim(),
            EmployerName = string.IsNullOrWhiteSpace(input.EmployerName) ? null : input.EmployerName.Trim(),
            Occupation = string.IsNullOrWhiteSpace(input.Occupation) ? null : input.Occupation,
            Wage = input.Wage!.Value,
            Currency = input.Currency!,
            HoursPerWeek = input.HoursPerWeek!.Value,
            ContractMonths = input.ContractMonths!.Value,
            Costs = [.. input.Costs],
            // Code and arguments together, so the page can say the flag in the reader's language later.
            ContractFlags = [.. flags.Select(f => string.Join('|', [f.Code, .. f.Arguments]))],
            DepartureDate = input.DepartureDate!.Value,
            RecordedBy = by,
            RecordedById = byUserId,
            CreatedAt = Now,
        };
        db.Add(departure);
        await facts.AddDepartureAsync(departure, person, cancellationToken);
        if (by != RecordedBy.Migrant)
        {
            // A migrant who records their own departure is shown the card at once; others learn of it by SMS.
            await notices.QueueAsync(person.Id, Messaging.MigrantNotice.DepartureCardReady, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return departure;
    }

    /// <summary>The newest departure with no return yet: the person is abroad on it.</summary>
    public async Task<Departure?> OpenDepartureAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var closed = db.Set<PersonReturn>().Where(r => r.DepartureId != null).Select(r => r.DepartureId!.Value);
        return await db.Set<Departure>().Where(d => personIds.Contains(d.PersonId) && !closed.Contains(d.Id))
            .OrderByDescending(d => d.DepartureDate).ThenByDescending(d => d.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records a return; it closes the open departure, if there is one, and writes its fact.</summary>
    public async Task<PersonReturn> RecordReturnAsync(Person person, IReadOnlyCollection<Guid> personIds, DateOnly date, ReturnReason reason, string countryFrom, RecordedBy by, Guid? byUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var open = await OpenDepartureAsync(personIds, cancellationToken);
        var entry = new PersonReturn
        {
            PersonId = person.Id,
            DepartureId = open is not null && open.DepartureDate <= date ? open.Id : null,
            ReturnDate = date,
            Reason = reason,
            CountryFrom = countryFrom,
            RecordedBy = by,
            RecordedById = byUserId,
            CreatedAt = Now,
        };
        db.Add(entry);
        facts.AddReturn(entry, person, open);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task<List<JourneyEntry>> TimelineAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var departures = await db.Set<Departure>().AsNoTracking().Where(d => personIds.Contains(d.PersonId)).ToListAsync(cancellationToken);
        var returns = await db.Set<PersonReturn>().AsNoTracking().Where(r => personIds.Contains(r.PersonId)).ToListAsync(cancellationToken);
        // Employment the destination registered and reported under the agreement (issue 17).
        var employment = await db.Set<EmploymentAbroad>().AsNoTracking().Where(e => personIds.Contains(e.PersonId)).ToListAsync(cancellationToken);
        return [.. departures.Select(d => new JourneyEntry(d, null)).Concat(returns.Select(r => new JourneyEntry(null, r)))
            .Concat(employment.Select(e => new JourneyEntry(null, null, e)))
            .OrderByDescending(e => e.Date)];
    }
}
