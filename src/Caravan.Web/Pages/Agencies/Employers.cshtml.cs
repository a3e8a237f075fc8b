using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Agencies;

/// <summary>An agency's register of the foreign employers it recruits for, with the ministry's verdict on each.</summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class EmployersModel(EmployerCommands employers, Catalogue catalogue) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Employers.NameRequired")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    [BindProperty]
    public string? CountryCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Employers.RegistrationRequired")]
    [RegularExpression(@"^\s*[A-Za-z0-9][A-Za-z0-9 ./-]{2,59}\s*$", ErrorMessage = "Employers.RegistrationInvalid")]
    public string? RegistrationId { get; set; }

    [BindProperty]
    [StringLength(120, ErrorMessage = "Validation.TooLong")]
    public string? Sector { get; set; }

    [TempData]
    public string? Added { get; set; }

    public IReadOnlyList<ForeignEmployer> Employers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Redirect("/agencies/apply");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/agencies/apply");
        }

        if (CountryCode is null || !EmployerCommands.Countries.Contains(CountryCode))
        {
            ModelState.AddModelError(nameof(CountryCode), "Employers.CountryRequired");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (result, employer) = await employers.RegisterAsync(User.GetAgencyId()!.Value, Name!, CountryCode!, RegistrationId!, Sector, cancellationToken);
        if (result == EmployerResult.Duplicate)
        {
            ModelState.AddModelError(nameof(RegistrationId), "Employers.Duplicate");
            return Page();
        }

        Added = employer!.Name;
        return Redirect("/dashboard/agency/employers");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return false;
        }

        Employers = await employers.ForAgencyAsync(agencyId, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return true;
    }
}
