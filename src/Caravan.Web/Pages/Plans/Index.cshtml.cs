using System.Globalization;
using Caravan.Core.Coordination;
using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Plans;

/// <summary>The shared action plans this node holds; on the hub, the secretariat starts new ones here.</summary>
[Authorize(Roles = PlanRoles.Readers)]
public sealed class IndexModel(PlanQueries plans, PlanCommands commands, TrustListQueries partners, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public IReadOnlyList<ActionPlan> Plans { get; private set; } = [];

    /// <summary>The countries a plan may be shared with: those on the hub's trust list.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    public bool MayCreate => node.Value.IsHub && (User.IsInRole(Caravan.Core.Identity.Roles.Secretariat) || User.IsInRole(Caravan.Core.Identity.Roles.Admin));

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Year { get; set; }

    [BindProperty]
    public List<string> Parties { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MayCreate)
        {
            return Forbid();
        }

        var countries = (await catalogue.CountriesAsync(cancellationToken)).Select(c => c.Alpha2).ToHashSet();
        var year = int.TryParse(Year, CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
        var result = await commands.CreatePlanAsync(new PlanInput(Code, Title, Parties, year), countries, cancellationToken);
        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Key);
        }

        if (!result.Succeeded)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/plans/{Uri.EscapeDataString(Code!.Trim())}/edit");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Plans = await plans.ListAsync(cancellationToken);
        if (MayCreate)
        {
            var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
            Countries = [.. (await partners.PartnersAsync(cancellationToken)).Where(p => !p.IsHub).Select(p => p.Country).Distinct()
                .Select(c => new KeyValuePair<string, string>(c, names.GetValueOrDefault(c, c)))];
        }
    }
}
