using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Apply;

/// <summary>Check your answers, then send. Sending is refused while any step is unanswered.</summary>
public sealed class CheckModel(LicensingCommands licensing, Catalogue catalogue, IOptions<NodeOptions> node) : ApplicationStepModel(licensing)
{
    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Missing { get; private set; } = [];

    protected override string StepName => "check";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadNamesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var result = await Commands.SubmitAsync(Application, cancellationToken);
        if (result == LicensingResult.Done)
        {
            return Redirect(StartPath);
        }

        await LoadNamesAsync(cancellationToken);
        foreach (var step in Missing)
        {
            ModelState.AddModelError(step, "Apply.Missing." + step);
        }

        return Page();
    }

    private async Task LoadNamesAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        Regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        Missing = Application.MissingSteps();
    }
}
