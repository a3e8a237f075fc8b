using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Agencies.Apply;

/// <summary>
/// One question page of the licence application. The application row is the journey's state: each step saves
/// to it, so nothing is lost between pages, and the check page reads it back.
/// </summary>
[Authorize(Roles = Roles.AgencyStaff)]
public abstract class ApplicationStepModel(LicensingCommands licensing) : PageModel
{
    public const string StartPath = "/agencies/apply";
    public const string CheckPath = "/agencies/apply/check";

    public LicenceApplication Application { get; private set; } = null!;

    /// <summary>Set when the applicant came from the check page to change one answer, so Continue goes back there.</summary>
    [BindProperty(SupportsGet = true, Name = "change")]
    public bool Change { get; set; }

    protected abstract string StepName { get; }

    protected LicensingCommands Commands => licensing;

    public string BackLink
    {
        get
        {
            if (Change)
            {
                return CheckPath;
            }

            var index = LicenceSteps.All.ToList().IndexOf(StepName);
            return index <= 0 ? StartPath : $"{StartPath}/{LicenceSteps.All[index - 1]}";
        }
    }

    /// <summary>Loads the application being written; anything else (none yet, submitted, decided) goes back to the start page.</summary>
    protected async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        if (userId is null)
        {
            return Forbid();
        }

        var application = await licensing.CurrentAsync(userId.Value, cancellationToken);
        if (application is null || !application.IsEditable)
        {
            return Redirect(StartPath);
        }

        Application = application;
        return null;
    }

    protected async Task<IActionResult> SaveAndContinueAsync(CancellationToken cancellationToken)
    {
        await licensing.SaveAsync(cancellationToken);
        if (Change)
        {
            return Redirect(CheckPath);
        }

        var index = LicenceSteps.All.ToList().IndexOf(StepName);
        return Redirect(index + 1 < LicenceSteps.All.Count ? $"{StartPath}/{LicenceSteps.All[index + 1]}" : CheckPath);
    }

    protected static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
