using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Applications;

/// <summary>The migrant's applications with their status; an open one can be withdrawn, which ends the agency's view at once.</summary>
public sealed class MineModel(RegistryCommands registry, ApplicationQueries queries, ApplicationCommands commands, Catalogue catalogue, IStringLocalizer<SharedResource> l)
    : MeModelBase(registry)
{
    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var result = await commands.WithdrawAsync(Person, id, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l[result.Error!, result.Arguments]);
            await LoadListAsync(cancellationToken);
            return Page();
        }

        TempData["Application.Withdrawn"] = true;
        return RedirectToPage();
    }

    private async Task LoadListAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        Applications = await queries.MineAsync(Person.Id, language, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
    }
}
