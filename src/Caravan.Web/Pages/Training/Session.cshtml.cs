using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Training;

/// <summary>One session, and enrolment: a seat while there is one; when it is full, the waiting list if the person asks for it.</summary>
public sealed class SessionModel(TrainingQueries training, TrainingCommands commands, RegistryCommands registry, Catalogue catalogue) : PageModel
{
    public SessionView View { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public EnrolResult? Result { get; private set; }

    public bool CanEnrol => User.IsInRole(Roles.Migrant);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, bool waitingList, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Migrant) || User.GetUserId() is not { } userId)
        {
            return Challenge();
        }

        var person = await registry.ForUserAsync(userId, cancellationToken);
        if (person is null || person.Status == PersonStatus.Draft)
        {
            return Redirect("/register");
        }

        Result = await commands.EnrolAsync(id, person.Id, "self", waitingList, cancellationToken);
        if (Result is EnrolResult.Enrolled or EnrolResult.Waiting)
        {
            TempData["Training.Enrolled"] = Result.ToString();
            return Redirect("/me/training");
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await training.SessionAsync(id, cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return true;
    }
}
