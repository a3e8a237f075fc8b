namespace Caravan.Core.Statistics;

public enum FactKind
{
    Departure = 0,
    Return = 1,
    Registration = 2,
    CaseOpened = 3,
    CaseClosed = 4,
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
