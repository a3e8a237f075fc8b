namespace Caravan.Core.Migrants;

public enum ChangeStatus
{
    Applied = 0,
    PendingReview = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// One change to a person's record, kept as its history. Identity fields (names, birth date, document) changed by
/// the person wait for an officer's review; the new value of a document is kept encrypted like the document itself.
/// </summary>
public sealed class PersonChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public DateTime At { get; set; }

    public Guid? ByUserId { get; set; }

    public string ByRole { get; set; } = string.Empty;

    /// <summary>A field name from <see cref="PersonFields"/>.</summary>
    public string Field { get; set; } = string.Empty;

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public ChangeStatus Status { get; set; }

    public Guid? ReviewedById { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }
}

public static class PersonFields
{
    public const string GivenName = nameof(GivenName);
    public const string FamilyName = nameof(FamilyName);
    public const string Patronymic = nameof(Patronymic);
    public const string BirthDate = nameof(BirthDate);
    public const string Document = nameof(Document);
    public const string Sex = nameof(Sex);
    public const string Citizenship = nameof(Citizenship);
    public const string Region = nameof(Region);
    public const string Education = nameof(Education);
    public const string Occupations = nameof(Occupations);
    public const string Skills = nameof(Skills);
    public const string Languages = nameof(Languages);
    public const string WorkHistory = nameof(WorkHistory);
    public const string Destinations = nameof(Destinations);
    public const string Phone = nameof(Phone);
    public const string Merge = nameof(Merge);
    public const string Split = nameof(Split);

    /// <summary>Fields that identify the person: a change by the person waits for an officer.</summary>
    public static readonly IReadOnlySet<string> NeedReview = new HashSet<string>(StringComparer.Ordinal) { GivenName, FamilyName, Patronymic, BirthDate, Document };
}

public enum ConsentPurpose
{
    /// <summary>Share the profile with an agency the person applies to.</summary>
    AgencySharing = 0,
    Notifications = 1,
    /// <summary>Statistical use, always pseudonymised.</summary>
    Statistics = 2,

    /// <summary>Share named profile fields with the agency of a vacancy the person applied to; withdrawn with the application.</summary>
    Application = 3,
}

/// <summary>
/// Consent for one purpose, with the notice exactly as the person read it (its version, language and text), so
/// what was agreed to can be shown later. A withdrawal ends it at once; a new consent is a new row.
/// </summary>
public sealed class Consent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public ConsentPurpose Purpose { get; set; }

    /// <summary>For <see cref="ConsentPurpose.AgencySharing"/>: the agency it covers.</summary>
    public Guid? AgencyId { get; set; }

    public string NoticeVersion { get; set; } = string.Empty;

    public string NoticeLanguage { get; set; } = string.Empty;

    public string NoticeText { get; set; } = string.Empty;

    public DateTime GivenAt { get; set; }

    /// <summary>Who gave it: the person, or for assisted registration the officer's record of who spoke.</summary>
    public string GivenBy { get; set; } = string.Empty;

    /// <summary>The officer who recorded it on the person's behalf, if any.</summary>
    public Guid? RecordedById { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public bool IsActive => WithdrawnAt is null;
}

public enum AccessAction
{
    ViewDocument = 0,
    Export = 1,
    ViewProfile = 2,

    /// <summary>A case file about the person was opened (legal support and consular cases).</summary>
    OpenCase = 3,
}

/// <summary>
/// "Who saw my data": every read of a person's Sensitive fields, or export, by anyone but the person. Append-only;
/// the person reads it on their own page.
/// </summary>
public sealed class PersonAccess
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public DateTime At { get; set; }

    public AccessAction Action { get; set; }

    public Guid? ActorId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    public string ActorRole { get; set; } = string.Empty;

    public string Organisation { get; set; } = string.Empty;

    /// <summary>A reason code from <see cref="AccessReasons"/>.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>For <see cref="AccessAction.OpenCase"/>: which case file was opened.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>One read by someone other than the person, as the person will see it on their page.</summary>
    public static PersonAccess By(RegistryActor actor, Guid personId, AccessAction action, string reason, DateTime at, Guid? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new PersonAccess
        {
            PersonId = personId,
            At = at,
            Action = action,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            ActorRole = actor.Role,
            Organisation = actor.Organisation,
            Reason = reason,
            CaseId = caseId,
        };
    }
}

public static class AccessReasons
{
    public const string IdentityCheck = nameof(IdentityCheck);
    public const string DuplicateReview = nameof(DuplicateReview);
    public const string ChangeReview = nameof(ChangeReview);
    public const string CaseWork = nameof(CaseWork);
    public const string PersonRequest = nameof(PersonRequest);

    /// <summary>An agency opening the profile to record a placement, under the person's consent to share it.</summary>
    public const string Placement = nameof(Placement);

    /// <summary>An agency reading an application, under the consent given with it.</summary>
    public const string Application = nameof(Application);

    /// <summary>An officer, consular officer or hotline operator opening the record in the registry.</summary>
    public const string RegistryWork = nameof(RegistryWork);

    /// <summary>The reasons an officer may give; <see cref="Placement"/> is the agency's, set by the system.</summary>
    public static readonly IReadOnlyList<string> All = [IdentityCheck, DuplicateReview, ChangeReview, CaseWork, PersonRequest];
}
