namespace Caravan.Core.Cases;

/// <summary>What went wrong. The codes are stored and must not change; their names are translated ("CaseCategory.{Code}").</summary>
public enum CaseCategory
{
    UnpaidWages,
    ContractSubstitution,
    DocumentRetention,
    RecruitmentDebt,
    UnsafeWork,
    ViolenceAbuse,
    Detention,
    DeathRepatriation,
    LostDocuments,
    Other,
}

/// <summary>The ILO's eleven indicators of forced labour (ILO, 2012), asked as a checklist at intake.</summary>
public enum ForcedLabourIndicator
{
    AbuseOfVulnerability,
    Deception,
    RestrictionOfMovement,
    Isolation,
    Violence,
    Threats,
    DocumentRetention,
    WithheldWages,
    DebtBondage,
    AbusiveConditions,
    ExcessiveOvertime,
}

/// <summary>Ordered so that a higher value is more urgent; queues sort on it.</summary>
public enum CasePriority
{
    Normal = 0,
    High = 1,
    Urgent = 2,
}

public enum CaseChannel
{
    Migrant,
    Hotline,
    Consular,
    Anonymous,

    /// <summary>Opened by an officer of the home legal-aid team, for example for a returnee who came to the office.</summary>
    Office,
}

public enum CaseStatus
{
    Open,
    Closed,
}

public enum CaseOutcome
{
    Resolved,
    Referred,
    ClosedUnresolved,
    Withdrawn,
}

/// <summary>
/// A request for help from a citizen abroad, or a tip. The narrative and the indicators are Sensitive (encrypted at
/// rest); everything a queue or dashboard needs is kept in plain columns so that lists never decrypt anything.
/// </summary>
public sealed class LegalCase : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Reference { get; set; }

    public CaseChannel Channel { get; set; }

    public CaseCategory Category { get; set; }

    public CasePriority Priority { get; set; }

    /// <summary>What triage computed; differs from <see cref="Priority"/> only when someone overrode it with a reason.</summary>
    public CasePriority ComputedPriority { get; set; }

    /// <summary>The person the case is about, when known. Null for anonymous tips.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the country where it happened.</summary>
    public required string CountryCode { get; set; }

    public string City { get; set; } = string.Empty;

    public Guid? AgencyId { get; set; }

    public Guid? EmployerId { get; set; }

    /// <summary>The employer as the reporter named it, when it is not a known record.</summary>
    public string? EmployerName { get; set; }

    public string NarrativeCipher { get; set; } = string.Empty;

    /// <summary>The ticked indicators, comma-separated, encrypted.</summary>
    public string IndicatorsCipher { get; set; } = string.Empty;

    /// <summary>How many indicators are ticked: plain, because triage and statistics need the count, not which ones.</summary>
    public int IndicatorCount { get; set; }

    public Guid TeamId { get; set; }

    public Guid? AssigneeId { get; set; }

    public CaseStatus Status { get; set; }

    /// <summary>The culture the case was reported in: messages to the migrant use it.</summary>
    public string Language { get; set; } = "en";

    public DateTime OpenedAt { get; set; }

    public Guid? OpenedById { get; set; }

    public DateTime FirstContactDueAt { get; set; }

    public DateTime ResolutionDueAt { get; set; }

    public DateTime? FirstContactAt { get; set; }

    /// <summary>When the SLA job last escalated the case; null while it has not breached.</summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>Whether the resolution deadline has been escalated; a first-contact escalation does not stand for it.</summary>
    public bool ResolutionEscalated { get; set; }

    public DateTime? ClosedAt { get; set; }

    public CaseOutcome? Outcome { get; set; }

    /// <summary>Whether the complaint against the agency was proven; only substantiated cases count on its scorecard.</summary>
    public bool Substantiated { get; set; }

    public decimal? AmountRecovered { get; set; }

    public string? RecoveredCurrency { get; set; }

    public bool DocumentsReturned { get; set; }

    public bool Repatriated { get; set; }

    /// <summary>Why a case was closed unresolved or withdrawn; why a priority was overridden is kept on the timeline.</summary>
    public string? OutcomeReason { get; set; }

    public string? ReferredTo { get; set; }

    public string? ExternalReference { get; set; }

    /// <summary>Keyed hash of an anonymous reporter's tracking code; the code itself is shown once and never stored.</summary>
    public string? TrackingHash { get; set; }

    /// <summary>The form's one-time key: a form submitted twice finds the case the first submission opened.</summary>
    public Guid SubmissionKey { get; set; }
}

public enum CaseEventKind
{
    Opened,
    Note,
    Task,
    TaskDone,
    Contact,
    Message,
    Assigned,
    Transferred,
    Referred,
    PriorityChanged,
    Escalated,
    Attachment,
    Granted,
    Closed,
}

/// <summary>One entry of a case's timeline. Free text is Sensitive and encrypted; codes and names of teams are not.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public DateTime At { get; set; }

    public CaseEventKind Kind { get; set; }

    public Guid? ActorId { get; set; }

    /// <summary>Empty for the migrant and for an anonymous reporter, so a tip never names its author.</summary>
    public string ActorName { get; set; } = string.Empty;

    /// <summary>True when the migrant or the anonymous reporter wrote it.</summary>
    public bool FromReporter { get; set; }

    public string? TextCipher { get; set; }

    /// <summary>A non-sensitive detail: a team's name, a priority, an outcome code, a contact channel.</summary>
    public string? Detail { get; set; }

    public DateOnly? DueOn { get; set; }

    public Guid? AttachmentId { get; set; }
}

/// <summary>A file attached to a case: encrypted, kept outside the web root, only ever downloaded, never shown inline.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CaseId { get; set; }

    public required string StorageKey { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    /// <summary>The uploader's file name, encrypted: names of files often name people.</summary>
    public string FileNameCipher { get; set; } = string.Empty;

    public DateTime UploadedAt { get; set; }

    public bool FromReporter { get; set; }
}

/// <summary>An explicit grant to open one case file, given by the team's supervisor to a colleague.</summary>
public sealed class CaseGrant
{
    public Guid CaseId { get; set; }

    public Guid UserId { get; set; }

    public Guid GrantedById { get; set; }

    public DateTime GrantedAt { get; set; }
}
