using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>A migrant's own pages: always their own record, found from the signed-in account, never from the URL.</summary>
[Authorize(Roles = Roles.Migrant)]
public abstract class MeModelBase(RegistryCommands registry) : PageModel
{
    public Person Person { get; private set; } = null!;

    /// <summary>The record and any merged into it: their rows are all the person's.</summary>
    public IReadOnlyList<Guid> RecordIds { get; private set; } = [];

    protected RegistryCommands Registry => registry;

    protected async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } userId)
        {
            return Forbid();
        }

        var person = await registry.ForUserAsync(userId, cancellationToken);
        if (person is null || person.Status == PersonStatus.Draft)
        {
            return Redirect("/register");
        }

        Person = person;
        RecordIds = await registry.RecordIdsAsync(person.Id, cancellationToken);
        return null;
    }
}
