using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Training.Trainer;

/// <summary>The sessions this trainer runs.</summary>
[Authorize(Roles = Roles.Trainer)]
public sealed class IndexModel(TrainingQueries training, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } trainer)
        {
            return Forbid();
        }

        Sessions = await training.ForTrainerAsync(trainer, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return Page();
    }
}
