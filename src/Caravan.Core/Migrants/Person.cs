using Microsoft.AspNetCore.Identity;

namespace Caravan.Core.Migrants;

public enum Sex
{
    Female = 1,
    Male = 2,
}

/// <summary>ISCED 2011 levels, as the registry asks them.</summary>
public enum EducationLevel
{
    EarlyChildhood = 0,
    Primary = 1,
    LowerSecondary = 2,
    UpperSecondary = 3,
    PostSecondary = 4,
    ShortTertiary = 5,
    Bachelor = 6,
    Master = 7,
    Doctoral = 8,
}

public enum PersonStatus
{
    /// <summary>A self-registration still being written; not yet a record of the registry.</summary>
    Draft = 0,
    Active = 1,
    /// <summary>Merged into another record, which now speaks for the person; kept so a wrong merge can be split.</summary>
    Merged = 2,
}

public enum RegistrationChannel
{
    Self = 0,
    Assisted = 1,
    Import = 2,
}

/// <summary>
/// One person in the node's registry. Names are kept as written, in the person's own script, beside canonical
/// Latin keys that search and duplicate detection use. The document number is Sensitive: only its cipher, a keyed
/// hash for exact lookup and a two-character hint are stored.
/// </summary>
public sealed class Person : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Public reference such as PER-1000017 (with a check digit); carries no personal data, so it may go in URLs.</summary>
    public string Reference { get; set; } = string.Empty;

    public PersonStatus Status { get; set; }

    public RegistrationChannel Channel { get; set; }

    /// <summary>The migrant's own account, once registered or claimed.</summary>
    public Guid? UserId { get; set; }

    /// <summary>E.164; lets a person claim a record an officer made for them.</summary>
    [PersonalData]
    public string? Phone { get; set; }

    /// <summary>The language the person reads their text messages in; the node's default until they choose.</summary>
    public string? MessageCulture { get; set; }

    [PersonalData]
    public string GivenName { get; set; } = string.Empty;

    [PersonalData]
    public string FamilyName { get; set; } = string.Empty;

    [PersonalData]
    public string? Patronymic { get; set; }

    public string GivenKey { get; set; } = string.Empty;

    public string FamilyKey { get; set; } = string.Empty;

    public string? PatronymicKey { get; set; }

    [PersonalData]
    public DateOnly? BirthDate { get; set; }

    /// <summary>Copied from the birth date so duplicate blocking is an index range, not a date function.</summary>
    public int? BirthYear { get; set; }

    public Sex? Sex { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Citizenship { get; set; }

    /// <summary>ISO 3166-2 region of origin.</summary>
    public string? RegionCode { get; set; }

    [PersonalData]
    public string? DocumentCipher { get; set; }

    /// <summary>Keyed hash (not reversible without the node's key), still kept out of the audit trail.</summary>
    [PersonalData]
    public string? DocumentHash { get; set; }

    public string? DocumentHint { get; set; }

    public EducationLevel? Education { get; set; }

    /// <summary>ISCO-08 unit group codes.</summary>
    public List<string> Occupations { get; set; } = [];

    public List<string> Skills { get; set; } = [];

    public List<PersonLanguage> Languages { get; set; } = [];

    public List<WorkHistoryEntry> WorkHistory { get; set; } = [];

    /// <summary>ISO 3166-1 alpha-2 destinations the person would consider.</summary>
    public List<string> PreferredDestinations { get; set; } = [];

    public Guid? MergedIntoId { get; set; }

    /// <summary>For imported persons: the import that wrote the row (its audit entry says who, when and from which file).</summary>
    public Guid? ImportId { get; set; }

    /// <summary>For assisted registration: the officer who registered the person.</summary>
    public Guid? RegisteredById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RegisteredAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A language and its level: CEFR A1–C2, or Native.</summary>
public sealed class PersonLanguage
{
    public string Code { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;
}

public sealed class WorkHistoryEntry
{
    public string Country { get; set; } = string.Empty;

    public string? Occupation { get; set; }

    public string? Employer { get; set; }

    public int FromYear { get; set; }

    public int? ToYear { get; set; }
}
