using Caravan.Core.Identity;
using Caravan.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Training.Manage;

/// <summary>A training centre: its name, city and address, as migrants see them on each session.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class CentreModel(TrainingPlanning planning) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? City { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            var centre = await planning.CentreAsync(existing, cancellationToken);
            if (centre is null)
            {
                return NotFound();
            }

            (Id, Name, City, Address) = (centre.Id, centre.Name, centre.City, centre.Address);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var result = await planning.SaveCentreAsync(id, Name, City, Address, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/training/manage");
        }

        if (result.Errors.Any(e => e.Error == "Training.Plan.NotFound"))
        {
            return NotFound();
        }

        foreach (var (field, error) in result.Errors)
        {
            ModelState.AddModelError(field, error);
        }

        return Page();
    }
}
