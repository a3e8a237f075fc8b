using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Agencies.Apply;

/// <summary>The start page of the licence application, and where the applicant later reads its status and decision.</summary>
public sealed class IndexModel(LicensingCommands licensing, UserManager<CaravanUser> users, SignInManager<CaravanUser> signIn) : PageModel
{
    public LicenceApplication? Application { get; private set; }

    public string? LicenceNumber { get; private set; }

    public bool IsAgencyStaff => User.IsInRole(Roles.AgencyStaff);

    public string? NextStep => Application is { IsEditable: true } a
        ? a.MissingSteps() is [var step, ..] ? $"{ApplicationStepModel.StartPath}/{step}" : ApplicationStepModel.CheckPath
        : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!IsAgencyStaff || User.GetUserId() is not { } userId)
        {
            return Page();
        }

        Application = await licensing.CurrentAsync(userId, cancellationToken);
        if (Application is { Status: ApplicationStatus.Approved, AgencyId: { } agencyId })
        {
            var agency = await licensing.AgencyByIdAsync(agencyId, cancellationToken);
            LicenceNumber = agency?.LicenceNumber;
            if (User.GetAgencyId() is null && await users.GetUserAsync(User) is { } user)
            {
                // The licence was issued since this person signed in: give their session the new agency scope now.
                await signIn.RefreshSignInAsync(user);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        // Handlers cannot carry their own [Authorize]; the page is public so the start text reads without an account.
        if (!IsAgencyStaff || User.GetUserId() is not { } userId)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }

        if (User.GetAgencyId() is not null)
        {
            return Redirect(ApplicationStepModel.StartPath);
        }

        var application = await licensing.StartAsync(userId, cancellationToken);
        return Redirect(application.IsEditable ? $"{ApplicationStepModel.StartPath}/{LicenceSteps.Organisation}" : ApplicationStepModel.StartPath);
    }
}
