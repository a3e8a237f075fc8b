namespace Caravan.Core.Statistics;

public enum FactKind
{
    Departure = 0,
    Return = 1,
    Registration = 2,
    CaseOpened = 3,
    CaseClosed = 4,

    /// <summary>A departure recorded through a licensed agency.</summary>
    Placement = 5,
    VacancyPublished = 6,
    VacancyClosed = 7,

    /// <summary>A change in a licence's life; the detail is the change (Issued, Renewed, Suspended, Reinstated, Revoked, Expired).</summary>
    Licence = 8,
    Inspection = 9,

    /// <summary>A sanction proposed by an inspection or decided on a case-based proposal; the detail is its kind.</summary>
    Sanction = 10,

    /// <summary>A fee violation: an inspection finding or a departure's contract flag; the detail says which.</summary>
    FeeViolation = 11,
    TipReceived = 12,

    /// <summary>One per ILO forced-labour indicator flagged when a case is opened; the detail is the indicator.</summary>
    CaseIndicator = 13,

    /// <summary>A closed case that recovered money: amount in USD at the rate of the closing date.</summary>
    WagesRecovered = 14,

    /// <summary>What a worker paid to get a job abroad (amount, USD) against the first month's earnings (USD).</summary>
    RecruitmentCost = 15,

    /// <summary>A return that closed a departure, with the departure's dimensions: the stock abroad goes down by one.</summary>
    StayEnded = 16,

    /// <summary>A migrant applied to a vacancy through the node.</summary>
    Application = 17,

    /// <summary>An agency selected an applicant for a vacancy.</summary>
    Selection = 18,

    /// <summary>A destination node reported that it registered a citizen's work permit or contract (issue 17).</summary>
    EmploymentRegistered = 19,
}

/// <summary>
/// One event for statistics (GUIDE §5), in the append-only fact table: no names, no ids of persons, only the
/// dimensions statistics may cut by. Pre-aggregates are built from these rows, never from the live registry.
/// </summary>
public sealed class Fact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public FactKind Kind { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>"F", "M" or null when unknown.</summary>
    public string? Sex { get; set; }

    /// <summary>Five-year bands such as "25-29"; "unknown" when the birth date is not known.</summary>
    public string AgeBand { get; set; } = string.Empty;

    public string? RegionOfOrigin { get; set; }

    public string? Destination { get; set; }

    /// <summary>ISCO-08 major group (one digit).</summary>
    public string? IscoGroup { get; set; }

    public Guid? AgencyId { get; set; }

    /// <summary>For returns: the reason code; for cases: the category.</summary>
    public string? Detail { get; set; }

    /// <summary>For cases: the priority when opened or closed.</summary>
    public string? Priority { get; set; }

    /// <summary>For closed cases: the outcome code.</summary>
    public string? Outcome { get; set; }

    /// <summary>For closed cases: whole days from opening to first contact with the migrant, when there was one.</summary>
    public int? DaysToFirstContact { get; set; }

    /// <summary>For closed cases: whole days from opening to closing.</summary>
    public int? DaysToClose { get; set; }

    /// <summary>A money measure in US dollars (recruitment cost paid, wages recovered), converted at the rate of the day paid.</summary>
    public decimal? Amount { get; set; }

    /// <summary>For recruitment costs: the first month's earnings (the contract wage) in US dollars.</summary>
    public decimal? Earnings { get; set; }

    public DateTime RecordedAt { get; set; }

    public static string AgeBandOf(DateOnly? birthDate, DateOnly on)
    {
        if (birthDate is not { } born)
        {
            return "unknown";
        }

        var age = on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        if (age < 15)
        {
            return "0-14";
        }

        if (age >= 65)
        {
            return "65+";
        }

        var low = age / 5 * 5;
        return $"{low}-{low + 4}";
    }
}
