namespace Caravan.Core.Applications;

public enum JobApplicationStatus
{
    Submitted = 0,
    Shortlisted = 1,
    Rejected = 2,
    Selected = 3,

    /// <summary>Selected, and the agency recorded the departure: the person is placed.</summary>
    Placed = 4,

    /// <summary>The migrant took it back; the agency no longer sees the shared fields.</summary>
    Withdrawn = 5,
}

/// <summary>The profile fields a migrant may share with the agency they apply to. The name is always shared.</summary>
[Flags]
public enum SharedFields
{
    None = 0,
    Name = 1,
    BirthDate = 2,
    Phone = 4,
    Region = 8,
    Education = 16,
    Occupations = 32,
    Skills = 64,
    Languages = 128,
    WorkHistory = 256,
}

public enum RejectionReason
{
    Qualifications = 0,
    Experience = 1,
    Language = 2,
    PositionsFilled = 3,
    NoResponse = 4,
    Other = 5,
}

/// <summary>
/// A migrant's application to one published vacancy. What the agency may see is named in <see cref="Fields"/> and
/// covered by <see cref="ConsentId"/>; withdrawing ends both. One row per person and vacancy: applying again after a
/// withdrawal reopens it, so the history of one application stays in one place.
/// </summary>
public sealed class JobApplication : Data.IVersioned
{
    public Guid Version { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Guid VacancyId { get; set; }

    /// <summary>The vacancy's agency, copied so the agency's queue is one index range.</summary>
    public Guid AgencyId { get; set; }

    public JobApplicationStatus Status { get; set; }

    public SharedFields Fields { get; set; }

    /// <summary>The consent (purpose Application) given with the notice the person read.</summary>
    public Guid ConsentId { get; set; }

    public RejectionReason? RejectionReason { get; set; }

    /// <summary>The agency's words to the applicant on a rejection.</summary>
    public string? RejectionNote { get; set; }

    /// <summary>The departure recorded when the selected applicant left: the placement.</summary>
    public Guid? DepartureId { get; set; }

    public DateTime AppliedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    /// <summary>True while the agency may still act on it.</summary>
    public bool IsOpen => Status is JobApplicationStatus.Submitted or JobApplicationStatus.Shortlisted or JobApplicationStatus.Selected;
}
