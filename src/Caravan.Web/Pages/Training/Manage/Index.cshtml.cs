using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Training.Manage;

/// <summary>The officer's plan: upcoming sessions with their seats and trainer, and the training centres.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class IndexModel(TrainingQueries training, TrainingPlanning planning, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<TrainingCentre> Centres { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Trainers { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sessions = await training.UpcomingAsync(cancellationToken: cancellationToken);
        Centres = await planning.CentresAsync(cancellationToken);
        Trainers = (await planning.TrainersAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Name);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
