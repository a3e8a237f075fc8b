using Caravan.Core.Cases;
using Caravan.Core.Migrants;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Cases.Migrant;

/// <summary>The migrant's view of one case: status, messages with the case worker, and who opened the file.</summary>
[RequestSizeLimit(CaseLimits.RequestBytes)]
public sealed class DetailsModel(RegistryCommands registry, CaseAttachments attachments, CaseFiles files, CaseIntake intake, IOptions<CaseOptions> options) : MeModelBase(registry)
{
    public CaseFile CaseFile { get; private set; } = null!;

    public IReadOnlyList<PersonAccess> Openings { get; private set; } = [];

    [BindProperty]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadCaseAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, IFormFile? attachment, CancellationToken cancellationToken)
    {
        if (await LoadCaseAsync(reference, cancellationToken) is { } other)
        {
            return other;
        }

        var upload = attachment is null ? null : await AttachmentUpload.ReadAsync(attachment, options.Value.MaxAttachmentBytes, ModelState, "Attachment", cancellationToken);
        if (string.IsNullOrWhiteSpace(Message) && attachment is null)
        {
            ModelState.AddModelError(nameof(Message), "Cases.Error.MessageRequired");
        }
        else if (Message?.Length > CaseReport.MaxNarrative)
        {
            ModelState.AddModelError(nameof(Message), "Cases.Error.NarrativeTooLong");
        }

        if (!ModelState.IsValid || CaseFile.LegalCase.Status != CaseStatus.Open)
        {
            return Page();
        }

        var c = (await files.ByReferenceAsync(reference, cancellationToken))!;
        if (!string.IsNullOrWhiteSpace(Message))
        {
            await intake.ReporterMessageAsync(c, Message, cancellationToken);
        }

        if (upload is not null)
        {
            await attachments.AttachAsync(c, upload.Content, upload.ContentType, upload.FileName, null, cancellationToken);
        }

        return Redirect($"/me/cases/{reference}#messages");
    }

    private async Task<IActionResult?> LoadCaseAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var c = await files.ByReferenceAsync(reference, cancellationToken);
        if (c?.PersonId is not { } personId || !RecordIds.Contains(personId))
        {
            return NotFound();
        }

        CaseFile = await files.ReporterFileAsync(c, cancellationToken);
        Openings = (await Registry.AccessLogAsync(Person.Id, cancellationToken)).Where(a => a.CaseId == c.Id).ToList();
        return null;
    }
}
