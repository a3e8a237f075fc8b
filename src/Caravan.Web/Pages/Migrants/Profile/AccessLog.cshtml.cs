using Caravan.Core.Migrants;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>"Who saw my data": every read of the person's Sensitive fields and every export, by anyone else.</summary>
public sealed class AccessLogModel(RegistryCommands registry) : MeModelBase(registry)
{
    public IReadOnlyList<PersonAccess> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Entries = await Registry.AccessLogAsync(Person.Id, cancellationToken);
        return Page();
    }
}
