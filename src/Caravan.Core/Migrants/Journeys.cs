namespace Caravan.Core.Migrants;

public enum RecordedBy
{
    Migrant = 0,
    Agency = 1,
    Officer = 2,
}

/// <summary>A departure for work abroad. An open departure (no return) shows the person as abroad.</summary>
public sealed class Departure
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Guid? VacancyId { get; set; }

    public Guid? EmployerId { get; set; }

    public Guid? AgencyId { get; set; }

    /// <summary>The person found the job without an agency.</summary>
    public bool Independent { get; set; }

    public string Destination { get; set; } = string.Empty;

    public string City { get; set; } = string.Empty;

    public string? EmployerName { get; set; }

    /// <summary>ISCO-08 unit group of the job.</summary>
    public string? Occupation { get; set; }

    public decimal Wage { get; set; }

    public string Currency { get; set; } = string.Empty;

    public int HoursPerWeek { get; set; }

    public int ContractMonths { get; set; }

    /// <summary>Every cost the worker paid, itemised (for the recruitment-cost indicator).</summary>
    public List<DepartureCost> Costs { get; set; } = [];

    /// <summary>Flags of the contract check when the departure was recorded: "Code|argument|…" (resource Flag.{Code}).</summary>
    public List<string> ContractFlags { get; set; } = [];

    public DateOnly DepartureDate { get; set; }

    public RecordedBy RecordedBy { get; set; }

    public Guid? RecordedById { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class DepartureCost
{
    public string Item { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    public string Currency { get; set; } = string.Empty;

    /// <summary>The day it was paid, for conversion at that day's rate; when not given, the departure date.</summary>
    public DateOnly? PaidOn { get; set; }
}

public enum ReturnReason
{
    ContractEnded = 0,
    EndedByEmployer = 1,
    EndedByWorker = 2,
    Deportation = 3,
    Health = 4,
    Family = 5,
    Other = 6,
}

public sealed class PersonReturn
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    /// <summary>The departure this return closes; none when the person left before the registry knew them.</summary>
    public Guid? DepartureId { get; set; }

    public DateOnly ReturnDate { get; set; }

    public ReturnReason Reason { get; set; }

    public string CountryFrom { get; set; } = string.Empty;

    public RecordedBy RecordedBy { get; set; }

    public Guid? RecordedById { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum DuplicateStatus
{
    Open = 0,
    Merged = 1,
    Dismissed = 2,
    /// <summary>Merged, then split again by an officer.</summary>
    Split = 3,
}

/// <summary>A pair the matcher found: certain pairs are merged at once, possible ones wait here for an officer.</summary>
public sealed class DuplicateCandidate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The record that stays (the older one).</summary>
    public Guid KeepId { get; set; }

    /// <summary>The record that would be merged into it.</summary>
    public Guid OtherId { get; set; }

    public double Weight { get; set; }

    public bool Certain { get; set; }

    public List<string> Reasons { get; set; } = [];

    public DuplicateStatus Status { get; set; }

    public DateTime FoundAt { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTime? DecidedAt { get; set; }
}
