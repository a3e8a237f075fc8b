using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;

namespace Caravan.Core.Statistics;

/// <summary>The dimensions a fact may take from a person: never a name, a number or an id.</summary>
public sealed record FactPerson(string? Sex, DateOnly? BirthDate, string? Region)
{
    public static readonly FactPerson Unknown = new(null, null, null);

    public static FactPerson Of(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(FactSex(person.Sex), person.BirthDate, person.RegionCode);
    }

    public static string? FactSex(Migrants.Sex? sex) => sex switch { Migrants.Sex.Female => "F", Migrants.Sex.Male => "M", null => null, _ => null };
}

/// <summary>
/// Adds the facts of a change to the same unit of work as the change, so a record is never counted without being
/// written, nor written without being counted. The builders are static so the backfill makes the very same facts.
/// </summary>
public sealed class FactWriter(CaravanDbContext db, TimeProvider time)
{
    /// <summary>Contract-check flags that mean the worker was charged fees they should not have paid.</summary>
    public static readonly IReadOnlySet<string> FeeFlags = new HashSet<string>(StringComparer.Ordinal) { "FeesCharged", "FeesOverCap" };

    public const string FromInspection = "Inspection";
    public const string FromContract = "Contract";
    public const string FromCaseProposal = "CaseProposal";

    private HistoricalRates? rates;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task AddDepartureAsync(Departure departure, Person person, CancellationToken cancellationToken = default)
    {
        rates ??= await HistoricalRates.LoadAsync(db, cancellationToken);
        db.AddRange(ForDeparture(departure, FactPerson.Of(person), rates, Now));
    }

    public void AddReturn(PersonReturn entry, Person person, Departure? closed) =>
        db.AddRange(ForReturn(entry, FactPerson.Of(person), closed, Now));

    public void AddLicence(LicenceEvent change) => db.Add(ForLicence(change, Now));

    public void AddVacancy(Vacancy vacancy, FactKind kind, DateTime at) => db.Add(ForVacancy(vacancy, kind, at, Now));

    public void AddInspection(Inspection inspection, IReadOnlySet<string> feeViolationCodes) =>
        db.AddRange(ForInspection(inspection, feeViolationCodes, Now));

    public void AddSanctionDecision(SanctionProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Status == ProposalStatus.SanctionProposed)
        {
            db.Add(new Fact { Kind = FactKind.Sanction, Date = DateOnly.FromDateTime(proposal.DecidedAt ?? Now), AgencyId = proposal.AgencyId, Detail = FromCaseProposal, AgeBand = Unknown, RecordedAt = Now });
        }
    }

    public void AddCaseOpened(LegalCase c, IEnumerable<string> indicators) => db.AddRange(ForCaseOpened(c, indicators, Now));

    public async Task AddWagesRecoveredAsync(LegalCase c, FactPerson person, CancellationToken cancellationToken = default)
    {
        rates ??= await HistoricalRates.LoadAsync(db, cancellationToken);
        if (ForWagesRecovered(c, person, rates, Now) is { } fact)
        {
            db.Add(fact);
        }
    }

    /// <summary>A registration, however the person came in: by themselves, through an officer, or in an import.</summary>
    public static Fact ForRegistration(FactPerson p, DateOnly date, DateTime now) => Person(FactKind.Registration, date, p, now);

    public static IEnumerable<Fact> ForDeparture(Departure d, FactPerson p, HistoricalRates rates, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rates);
        yield return Base(FactKind.Departure, d.DepartureDate, p, d, now);
        if (d.AgencyId is not null)
        {
            yield return Base(FactKind.Placement, d.DepartureDate, p, d, now);
        }

        if (RecruitmentCost(d, p, rates, now) is { } cost)
        {
            yield return cost;
        }

        foreach (var flag in d.ContractFlags.Select(f => f.Split('|')[0]).Where(FeeFlags.Contains).Distinct(StringComparer.Ordinal))
        {
            var fact = Base(FactKind.FeeViolation, d.DepartureDate, p, d, now);
            fact.Detail = FromContract;
            fact.Outcome = flag;
            yield return fact;
        }
    }

    /// <summary>
    /// SDG 10.7.1 for one worker: every cost paid, each converted at the rate of the day it was paid, against the first
    /// month's earnings (the contract wage at the departure date's rate). A worker who paid nothing counts with zero;
    /// a departure whose wage or a cost cannot be converted is left out rather than counted wrong.
    /// </summary>
    public static Fact? RecruitmentCost(Departure d, FactPerson p, HistoricalRates rates, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(rates);
        if (d.Wage <= 0 || rates.ToUsd(d.Wage, d.Currency, d.DepartureDate) is not { } earnings || earnings <= 0)
        {
            return null;
        }

        var total = 0m;
        foreach (var cost in d.Costs)
        {
            if (rates.ToUsd(cost.Amount, cost.Currency, cost.PaidOn ?? d.DepartureDate) is not { } usd)
            {
                return null;
            }

            total += usd;
        }

        var fact = Base(FactKind.RecruitmentCost, d.DepartureDate, p, d, now);
        fact.Amount = total;
        fact.Earnings = earnings;
        return fact;
    }

    public static IEnumerable<Fact> ForReturn(PersonReturn r, FactPerson p, Departure? closed, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(p);
        var fact = Person(FactKind.Return, r.ReturnDate, p, now);
        fact.Destination = r.CountryFrom;
        fact.IscoGroup = IscoGroupOf(closed?.Occupation);
        fact.AgencyId = closed?.AgencyId;
        fact.Detail = r.Reason.ToString();
        yield return fact;
        if (closed is not null && r.DepartureId == closed.Id)
        {
            // The stock abroad counts people by where they went, so the end of a stay carries the departure's dimensions.
            yield return Base(FactKind.StayEnded, r.ReturnDate, p, closed, now);
        }
    }

    public static Fact ForLicence(LicenceEvent change, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new Fact { Kind = FactKind.Licence, Date = DateOnly.FromDateTime(change.At), AgencyId = change.AgencyId, Detail = change.Kind.ToString(), AgeBand = Unknown, RecordedAt = now };
    }

    /// <summary>An application or a selection: who applied (sex, age band, region) to what (destination, occupation, agency).</summary>
    /// <summary>A destination registered a citizen's employment: counted on the day it was registered there.</summary>
    public static Fact ForEmploymentAbroad(EmploymentAbroad e, FactPerson p, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        return new Fact
        {
            Kind = FactKind.EmploymentRegistered,
            Date = e.RegisteredOn,
            Sex = p.Sex,
            AgeBand = Fact.AgeBandOf(p.BirthDate, e.RegisteredOn),
            RegionOfOrigin = p.Region,
            Destination = e.Destination,
            IscoGroup = IscoGroupOf(e.Occupation),
            RecordedAt = now,
        };
    }

    public static Fact ForApplication(FactKind kind, Vacancy v, FactPerson p, DateOnly date, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(p);
        return new Fact
        {
            Kind = kind,
            Date = date,
            Sex = p.Sex,
            AgeBand = Fact.AgeBandOf(p.BirthDate, date),
            RegionOfOrigin = p.Region,
            Destination = v.DestinationCountry,
            IscoGroup = IscoGroupOf(v.IscoCode),
            AgencyId = v.AgencyId,
            RecordedAt = now,
        };
    }

    public static Fact ForVacancy(Vacancy v, FactKind kind, DateTime at, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new Fact
        {
            Kind = kind,
            Date = DateOnly.FromDateTime(at),
            Destination = v.DestinationCountry,
            IscoGroup = IscoGroupOf(v.IscoCode),
            AgencyId = v.AgencyId,
            AgeBand = Unknown,
            RecordedAt = now,
        };
    }

    public static IEnumerable<Fact> ForInspection(Inspection inspection, IReadOnlySet<string> feeViolationCodes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        ArgumentNullException.ThrowIfNull(feeViolationCodes);
        Fact Agency(FactKind kind, string? detail, string? outcome = null) => new()
        {
            Kind = kind,
            Date = inspection.InspectedOn,
            AgencyId = inspection.AgencyId,
            Detail = detail,
            Outcome = outcome,
            AgeBand = Unknown,
            RecordedAt = now,
        };

        yield return Agency(FactKind.Inspection, inspection.Violations.Count == 0 ? "NoViolation" : "Violation");
        if (inspection.Sanction != ProposedSanction.None)
        {
            yield return Agency(FactKind.Sanction, inspection.Sanction.ToString());
        }

        foreach (var code in inspection.Violations.Select(v => v.ViolationCode).Where(feeViolationCodes.Contains).Distinct(StringComparer.Ordinal))
        {
            yield return Agency(FactKind.FeeViolation, FromInspection, code);
        }
    }

    /// <summary>A tip when the report is anonymous, and one fact per forced-labour indicator flagged at intake.</summary>
    public static IEnumerable<Fact> ForCaseOpened(LegalCase c, IEnumerable<string> indicators, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(indicators);
        var date = DateOnly.FromDateTime(c.OpenedAt);
        if (c.Channel == CaseChannel.Anonymous)
        {
            yield return new Fact { Kind = FactKind.TipReceived, Date = date, Destination = c.CountryCode, AgencyId = c.AgencyId, Detail = c.Category.ToString(), AgeBand = Unknown, RecordedAt = now };
        }

        foreach (var indicator in indicators.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            yield return new Fact { Kind = FactKind.CaseIndicator, Date = date, Destination = c.CountryCode, AgencyId = c.AgencyId, Detail = indicator, AgeBand = Unknown, RecordedAt = now };
        }
    }

    public static Fact? ForWagesRecovered(LegalCase c, FactPerson p, HistoricalRates rates, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(rates);
        if (c.AmountRecovered is not > 0 || c.RecoveredCurrency is null || c.ClosedAt is not { } closedAt)
        {
            return null;
        }

        var on = DateOnly.FromDateTime(closedAt);
        if (rates.ToUsd(c.AmountRecovered.Value, c.RecoveredCurrency, on) is not { } usd)
        {
            return null;
        }

        var fact = Person(FactKind.WagesRecovered, on, p, now);
        fact.Destination = c.CountryCode;
        fact.AgencyId = c.AgencyId;
        fact.Detail = c.Category.ToString();
        fact.Amount = usd;
        return fact;
    }

    public static string? IscoGroupOf(string? isco) => string.IsNullOrEmpty(isco) ? null : isco[..1];

    private const string Unknown = "unknown";

    private static Fact Person(FactKind kind, DateOnly date, FactPerson p, DateTime now) => new()
    {
        Kind = kind,
        Date = date,
        Sex = p.Sex,
        AgeBand = Fact.AgeBandOf(p.BirthDate, date),
        RegionOfOrigin = p.Region,
        RecordedAt = now,
    };

    private static Fact Base(FactKind kind, DateOnly date, FactPerson p, Departure d, DateTime now)
    {
        var fact = Person(kind, date, p, now);
        fact.Destination = d.Destination;
        fact.IscoGroup = IscoGroupOf(d.Occupation);
        fact.AgencyId = d.AgencyId;
        return fact;
    }
}
