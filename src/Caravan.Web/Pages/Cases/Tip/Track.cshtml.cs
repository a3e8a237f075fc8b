using Caravan.Core.Cases;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Cases.Tip;

/// <summary>
/// Following a tip with its tracking code: status, the case worker's questions and answers. The code travels in the
/// form body only. Wrong guesses are counted per client, and the tenth locks guessing out for a while.
/// </summary>
[AllowAnonymous]
public sealed class TrackModel(CaseIntake intake, CaseFiles files, TrackingGuard guard) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public CaseFile? CaseFile { get; private set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(Message) || Message.Length > CaseReport.MaxNarrative)
        {
            ModelState.AddModelError(nameof(Message), string.IsNullOrWhiteSpace(Message) ? "Cases.Error.MessageRequired" : "Cases.Error.NarrativeTooLong");
            return Page();
        }

        var c = (await intake.ByTrackingCodeAsync(Code!, cancellationToken))!;
        if (await intake.ReporterMessageAsync(c, Message, cancellationToken))
        {
            Sent = true;
            Message = null;
            ModelState.Remove(nameof(Message));
            CaseFile = await files.ReporterFileAsync(c, cancellationToken);
        }

        return Page();
    }

    private async Task<IActionResult?> FindAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (guard.IsLockedOut(client))
        {
            CaseFile = null;
            ModelState.AddModelError(nameof(Code), "Tip.Track.TooMany");
            var refused = Page();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }

        var c = string.IsNullOrWhiteSpace(Code) ? null : await intake.ByTrackingCodeAsync(Code, cancellationToken);
        if (c is null)
        {
            guard.Failed(client);
            ModelState.AddModelError(nameof(Code), string.IsNullOrWhiteSpace(Code) ? "Tip.Track.Required" : "Tip.Track.NotFound");
            return Page();
        }

        CaseFile = await files.ReporterFileAsync(c, cancellationToken);
        return null;
    }
}
