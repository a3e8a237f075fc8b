namespace Caravan.Core.Agencies;

public enum LicenceStatus
{
    Applied,
    Valid,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>A private employment agency licensed by the node's country.</summary>
public sealed class Agency : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    private string name = string.Empty;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = SearchKey(value);
        }
    }

    /// <summary>
    /// Upper-cased name for case-insensitive search in any script: SQLite's own case folding only knows ASCII,
    /// and most agency names in the region are Cyrillic or Uzbek Latin.
    /// </summary>
    public string NameKey { get; private set; } = string.Empty;
    public required string RegistrationNumber { get; set; }
    public string? LicenceNumber { get; set; }
    public LicenceStatus LicenceStatus { get; set; }
    public DateOnly? LicenceValidUntil { get; set; }

    /// <summary>Set while a suspension runs; the licence is valid again after this date unless revoked.</summary>
    public DateOnly? SuspendedUntil { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes of the countries the agency may send workers to.</summary>
    public List<AgencyDestination> Destinations { get; set; } = [];
    public required string CountryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }

    /// <summary>ISCO-08 major groups (one digit) the agency recruits for.</summary>
    public List<string> Sectors { get; set; } = [];
    public decimal? GuaranteeAmount { get; set; }
    public string? GuaranteeCurrency { get; set; }

    /// <summary>The officer's reason for the current status when it is not Valid, shown on the public page.</summary>
    public string? StatusReason { get; set; }

    public static string SearchKey(string text) => (text ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>
    /// The status a member of the public should be told today. A licence past its end date reads as expired
    /// even before the scheduled job has recorded the expiry.
    /// </summary>
    public LicenceStatus EffectiveStatus(DateOnly today) =>
        LicenceStatus == LicenceStatus.Valid && LicenceValidUntil is { } until && until < today ? LicenceStatus.Expired : LicenceStatus;
}

/// <summary>A destination country an agency's licence covers.</summary>
public sealed class AgencyDestination
{
    public Guid AgencyId { get; set; }
    public required string CountryCode { get; set; }
}

public enum EmployerStatus
{
    Unverified,
    Verified,
    Blacklisted,
}

/// <summary>A foreign employer that agencies place workers with.</summary>
public sealed class ForeignEmployer : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public EmployerStatus Status { get; set; }

    /// <summary>The officer's reasons for verifying or blacklisting.</summary>
    public string? StatusReason { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string CountryCode { get; set; }
    public required string RegistrationId { get; set; }
    public string? Sector { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
}
