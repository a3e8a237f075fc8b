namespace Caravan.Core.Cases;

/// <summary>What a reporter tells us, from any of the four ways in.</summary>
public sealed record CaseReport(
    CaseCategory Category,
    IReadOnlyCollection<ForcedLabourIndicator> Indicators,
    string CountryCode,
    string City,
    Guid? AgencyId,
    string? EmployerName,
    string Narrative,
    Guid SubmissionKey,
    string Language)
{
    public const int MaxNarrative = 8000;
    public const int MaxCity = 100;
    public const int MaxEmployer = 200;

    /// <summary>Every problem as (field, resource key); empty when the report can be opened.</summary>
    public IReadOnlyList<(string Field, string Key)> Validate(ISet<string> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(CountryCode) || !countries.Contains(CountryCode))
        {
            errors.Add(("Country", "Cases.Error.Country"));
        }

        if (City?.Trim().Length > MaxCity)
        {
            errors.Add(("City", "Cases.Error.City"));
        }

        if (EmployerName?.Trim().Length > MaxEmployer)
        {
            errors.Add(("Employer", "Cases.Error.Employer"));
        }

        if (string.IsNullOrWhiteSpace(Narrative))
        {
            errors.Add(("Narrative", "Cases.Error.NarrativeRequired"));
        }
        else if (Narrative.Length > MaxNarrative)
        {
            errors.Add(("Narrative", "Cases.Error.NarrativeTooLong"));
        }

        return errors;
    }
}

/// <summary>How a case ends. Which fields are needed depends on the outcome; see <see cref="Validate"/>.</summary>
public sealed record CaseClosing(
    CaseOutcome Outcome,
    bool Substantiated,
    decimal? AmountRecovered,
    string? Currency,
    bool DocumentsReturned,
    bool Repatriated,
    string? Reason,
    string? ReferredTo,
    string? ExternalReference)
{
    public IReadOnlyList<(string Field, string Key)> Validate(ISet<string> currencies)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        var errors = new List<(string, string)>();
        if (AmountRecovered is { } amount)
        {
            if (amount <= 0 || amount > 100_000_000m)
            {
                errors.Add(("Amount", "Cases.Error.Amount"));
            }

            if (string.IsNullOrEmpty(Currency) || !currencies.Contains(Currency))
            {
                errors.Add(("Currency", "Cases.Error.Currency"));
            }
        }

        if (Outcome is CaseOutcome.ClosedUnresolved or CaseOutcome.Withdrawn && string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add(("Reason", "Cases.Error.ReasonRequired"));
        }

        if (Outcome == CaseOutcome.Referred && string.IsNullOrWhiteSpace(ReferredTo))
        {
            errors.Add(("ReferredTo", "Cases.Error.ReferredToRequired"));
        }

        if (Reason?.Length > 500 || ReferredTo?.Length > 200 || ExternalReference?.Length > 100)
        {
            errors.Add(("Reason", "Cases.Error.TooLong"));
        }

        return errors;
    }
}

/// <summary>Who may do what with one case (docs/cases.md, "Need to know").</summary>
public enum CaseAccess
{
    /// <summary>Not even that the case exists.</summary>
    None,

    /// <summary>A supervisor of another team: the reference, the team and the status, nothing more.</summary>
    Exists,

    /// <summary>A member of the case's team: the queue row, and may take the case.</summary>
    Queue,

    /// <summary>The assigned worker, the team's supervisor or a colleague granted the file.</summary>
    File,
}

public sealed record TimelineEntry(Guid Id, DateTime At, CaseEventKind Kind, string ActorName, bool FromReporter, string? Text, string? Detail, DateOnly? DueOn, Guid? AttachmentId);

public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Length, DateTime UploadedAt, bool FromReporter);

/// <summary>A case file as opened: decrypted for someone allowed to read it, and the read already logged.</summary>
public sealed record CaseFile(
    LegalCase LegalCase,
    string Narrative,
    IReadOnlyList<ForcedLabourIndicator> Indicators,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<AttachmentInfo> Attachments,
    CaseTeam Team,
    string? AssigneeName,
    string? AgencyName,
    string? PersonReference);
