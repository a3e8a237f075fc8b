using System.Globalization;
using Caravan.Core.Cases;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caravan.Web.Pages.Cases;

/// <summary>The report form shared by the migrant's, the anonymous reporter's and staff intake pages.</summary>
public sealed class CaseReportForm
{
    public string? Category { get; set; }

    public List<string> Indicators { get; set; } = [];

    public string? Country { get; set; }

    public string? City { get; set; }

    public string? AgencyLicence { get; set; }

    public string? Employer { get; set; }

    public string? Narrative { get; set; }

    /// <summary>Set when the form is first shown; a second submission of the same form finds the first case.</summary>
    public Guid SubmissionKey { get; set; }

    /// <summary>Reads the form and its optional file; every problem becomes a field error and null is returned.</summary>
    public async Task<(CaseReport Report, AttachmentUpload? File)?> ReadAsync(
        Catalogue catalogue, JourneyCommands journeys, ModelStateDictionary state, IFormFile? file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(state);
        if (!Enum.TryParse<CaseCategory>(Category, out var category) || !Enum.IsDefined(category) || category.ToString() != Category)
        {
            state.AddModelError("Form.Category", "Cases.Error.Category");
        }

        var indicators = new List<ForcedLabourIndicator>();
        foreach (var value in Indicators.Distinct(StringComparer.Ordinal))
        {
            // Names only: Enum.TryParse would also take numbers, so one ticked box could be counted twice.
            if (Enum.TryParse<ForcedLabourIndicator>(value, out var indicator) && Enum.IsDefined(indicator) && indicator.ToString() == value)
            {
                if (!indicators.Contains(indicator))
                {
                    indicators.Add(indicator);
                }
            }
            else
            {
                state.AddModelError("Form.Indicators", "Cases.Error.Indicator");
            }
        }

        Guid? agency = null;
        if (!string.IsNullOrWhiteSpace(AgencyLicence))
        {
            agency = await journeys.AgencyByLicenceAsync(AgencyLicence, cancellationToken);
            if (agency is null)
            {
                state.AddModelError("Form.AgencyLicence", "Cases.Error.Agency");
            }
        }

        if (SubmissionKey == Guid.Empty)
        {
            SubmissionKey = Guid.NewGuid();
        }

        var report = new CaseReport(category, indicators, Country ?? string.Empty, City ?? string.Empty, agency, Employer, Narrative ?? string.Empty, SubmissionKey,
            CultureInfo.CurrentUICulture.Name);
        var countries = (await catalogue.CountryNamesAsync("en", cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (field, key) in report.Validate(countries))
        {
            state.AddModelError("Form." + field, key);
        }

        var upload = file is null ? null : await AttachmentUpload.ReadAsync(file, maxBytes, state, "Attachment", cancellationToken);
        return state.IsValid ? (report, upload) : null;
    }
}

/// <summary>An uploaded file, read and checked by its first bytes; at most one per form keeps the rules simple on a phone.</summary>
public sealed record AttachmentUpload(byte[] Content, string ContentType, string FileName)
{
    public static async Task<AttachmentUpload?> ReadAsync(IFormFile file, long maxBytes, ModelStateDictionary state, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(state);
        if (file.Length > maxBytes)
        {
            state.AddModelError(field, "Cases.Attachment.TooLarge");
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var (type, error) = AttachmentTypes.Check(content.AsSpan(0, Math.Min(content.Length, AttachmentTypes.HeadLength)), content.LongLength, maxBytes);
        if (error is not null)
        {
            state.AddModelError(field, error);
            return null;
        }

        return new AttachmentUpload(content, type!, file.FileName);
    }
}

/// <summary>What the report form needs to render: the country names in the user's language.</summary>
public sealed record CaseReportView(CaseReportForm Form, IReadOnlyList<KeyValuePair<string, string>> Countries, bool ShowAgency)
{
    public static async Task<CaseReportView> CreateAsync(Catalogue catalogue, CaseReportForm form, bool showAgency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var countries = names.OrderBy(n => n.Value, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList();
        if (form?.SubmissionKey == Guid.Empty)
        {
            form.SubmissionKey = Guid.NewGuid();
        }

        return new CaseReportView(form!, countries, showAgency);
    }
}
