using System.Globalization;
using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>Administrators set up the case teams (consulates, legal aid, hotline) and who works in them.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class TeamsModel(TeamCommands teams, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<(CaseTeam Team, IReadOnlyList<(Guid UserId, string Name, string Email, bool Supervisor)> Members)> Teams { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    [BindProperty]
    public string? City { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Supervisor { get; set; }

    public Guid? FailedTeam { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        TeamKind? kind = Enum.TryParse<TeamKind>(Kind, out var k) && k.ToString() == Kind ? k : null;
        var countries = (await catalogue.CountryNamesAsync("en", cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var errors = await teams.CreateAsync(Name, kind, Country, City, countries, cancellationToken);
        if (errors.Count == 0)
        {
            return RedirectToPage();
        }

        foreach (var (field, key) in errors)
        {
            ModelState.AddModelError(field, key);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid team, CancellationToken cancellationToken)
    {
        if (await teams.AddMemberAsync(team, Email, Supervisor == "yes", cancellationToken) is { } error)
        {
            ModelState.AddModelError($"Email-{team}", error);
            FailedTeam = team;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid team, Guid user, CancellationToken cancellationToken)
    {
        if (await teams.RemoveMemberAsync(team, user, cancellationToken) is { } error)
        {
            ModelState.AddModelError(string.Empty, error);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Teams = await teams.ListAsync(cancellationToken);
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Countries = names.OrderBy(n => n.Value, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList();
    }
}
