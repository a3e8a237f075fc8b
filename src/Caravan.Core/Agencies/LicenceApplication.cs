namespace Caravan.Core.Agencies;

public enum ApplicationStatus
{
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
    Refused,
}

/// <summary>
/// An agency's application for a licence. It is saved after every step of the form, so an applicant who
/// leaves half-way loses nothing, and it is read by the officer only once submitted.
/// </summary>
public sealed class LicenceApplication : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Reference { get; set; }
    public Guid ApplicantId { get; set; }
    public ApplicationStatus Status { get; set; }
    public string? LegalName { get; set; }
    public string? RegistrationNumber { get; set; }
    public string? RegionCode { get; set; }
    public string? Address { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes of the countries the agency asks to send workers to.</summary>
    public List<string> Destinations { get; set; } = [];

    /// <summary>ISCO-08 major groups (one digit).</summary>
    public List<string> Sectors { get; set; } = [];
    public decimal? GuaranteeAmount { get; set; }
    public string? GuaranteeCurrency { get; set; }
    public List<LicenceDocument> Documents { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>The agency created when the licence was issued.</summary>
    public Guid? AgencyId { get; set; }

    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.ChangesRequested;

    /// <summary>The steps still missing, named as in the form, so the check page can send the applicant back.</summary>
    public IReadOnlyList<string> MissingSteps()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(LegalName) || string.IsNullOrWhiteSpace(RegistrationNumber))
        {
            missing.Add(LicenceSteps.Organisation);
        }

        if (string.IsNullOrWhiteSpace(RegionCode) || string.IsNullOrWhiteSpace(Address) || string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Phone))
        {
            missing.Add(LicenceSteps.Contact);
        }

        if (Destinations.Count == 0 || Sectors.Count == 0)
        {
            missing.Add(LicenceSteps.Scope);
        }

        if (GuaranteeAmount is not > 0 || string.IsNullOrEmpty(GuaranteeCurrency))
        {
            missing.Add(LicenceSteps.Guarantee);
        }

        if (Documents.Count == 0)
        {
            missing.Add(LicenceSteps.Documents);
        }

        return missing;
    }
}

/// <summary>The steps of the application form, in order; each names its page.</summary>
public static class LicenceSteps
{
    public const string Organisation = "organisation";
    public const string Contact = "contact";
    public const string Scope = "scope";
    public const string Guarantee = "guarantee";
    public const string Documents = "documents";

    public static readonly IReadOnlyList<string> All = [Organisation, Contact, Scope, Guarantee, Documents];
}

/// <summary>A supporting document. The bytes live in the document store, outside the web root.</summary>
public sealed class LicenceDocument
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string StorageKey { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
}

public enum LicenceEventKind
{
    Issued,
    Renewed,
    Suspended,
    Reinstated,
    Revoked,
    Expired,
}

/// <summary>One change in a licence's life. The history is append-only; the agency row holds the current state.</summary>
public sealed class LicenceEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AgencyId { get; set; }
    public LicenceEventKind Kind { get; set; }
    public required string Reason { get; set; }
    public DateTime At { get; set; }

    /// <summary>The officer's account id; null when the scheduled job applied the change.</summary>
    public Guid? ActorId { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateOnly? SuspendedUntil { get; set; }
}
