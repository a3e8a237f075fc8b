using System.ComponentModel.DataAnnotations;
using Caravan.Core.Agencies;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Agencies.Apply;

public sealed class OrganisationModel(LicensingCommands licensing) : ApplicationStepModel(licensing)
{
    [BindProperty]
    [Required(ErrorMessage = "Apply.LegalNameRequired")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? LegalName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Apply.RegistrationRequired")]
    [RegularExpression(@"^\s*[A-Za-z0-9][A-Za-z0-9 /-]{2,39}\s*$", ErrorMessage = "Apply.RegistrationInvalid")]
    public string? RegistrationNumber { get; set; }

    protected override string StepName => LicenceSteps.Organisation;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        LegalName = Application.LegalName;
        RegistrationNumber = Application.RegistrationNumber;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.LegalName = Clean(LegalName);
        Application.RegistrationNumber = Clean(RegistrationNumber)!.ToUpperInvariant();
        return await SaveAndContinueAsync(cancellationToken);
    }
}
