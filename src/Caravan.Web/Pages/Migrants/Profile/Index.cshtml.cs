using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Profile;

public sealed class IndexModel(RegistryCommands registry, JourneyCommands journeys, Catalogue catalogue, IOptions<NodeOptions> node) : MeModelBase(registry)
{
    public PersonSummary Summary { get; private set; } = null!;

    public IReadOnlyList<PersonChange> Pending { get; private set; } = [];

    public IReadOnlyList<JourneyEntry> Timeline { get; private set; } = [];

    public bool Abroad { get; private set; }

    public IReadOnlyDictionary<string, string> CountryNames => Summary.CountryNames;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Summary = await PersonSummary.LoadAsync(catalogue, Person, node.Value.Country, "/register", null, cancellationToken);
        Pending = [.. (await Registry.HistoryAsync(Person.Id, cancellationToken)).Where(c => c.Status == ChangeStatus.PendingReview)];
        Timeline = await journeys.TimelineAsync([.. RecordIds], cancellationToken);
        Abroad = await journeys.OpenDepartureAsync([.. RecordIds], cancellationToken) is not null;
        return Page();
    }

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
