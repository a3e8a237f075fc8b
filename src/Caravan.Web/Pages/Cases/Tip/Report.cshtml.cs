using Caravan.Core.Cases;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Cases.Tip;

/// <summary>
/// An anonymous tip about trafficking or abuse: no account, nothing that identifies the reporter is recorded, and the
/// tracking code is shown once, on the response to the form, never in a URL.
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(CaseLimits.RequestBytes)]
[EnableRateLimiting(CaravanDefaults.TipRateLimit)]
public sealed class ReportModel(CaseAttachments attachments, CaseIntake intake, JourneyCommands journeys, Catalogue catalogue, IOptions<CaseOptions> options) : PageModel
{
    [BindProperty]
    public CaseReportForm Form { get; set; } = new();

    public CaseReportView View { get; private set; } = null!;

    public string? TrackingCode { get; private set; }

    public string? Reference { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await CaseReportView.CreateAsync(catalogue, Form, false, cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? attachment, CancellationToken cancellationToken)
    {
        if (await Form.ReadAsync(catalogue, journeys, ModelState, attachment, options.Value.MaxAttachmentBytes, cancellationToken) is not { } read)
        {
            View = await CaseReportView.CreateAsync(catalogue, Form, false, cancellationToken);
            return Page();
        }

        var (opened, code, created) = await intake.OpenAsync(read.Report, CaseChannel.Anonymous, null, null, cancellationToken);
        if (created && read.File is { } file)
        {
            await attachments.AttachAsync(opened, file.Content, file.ContentType, file.FileName, null, cancellationToken);
        }

        TrackingCode = code;
        Reference = opened.Reference;
        // The code is on this response only: keep it out of caches and of the browser's back-forward store.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
