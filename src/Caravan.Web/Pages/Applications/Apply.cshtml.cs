using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Applications;

/// <summary>
/// Applying to one vacancy: the migrant chooses which profile fields the agency may see (the name always), reads the
/// notice that says so, and applies. A refusal (closed vacancy, unlicensed agency, age, a second application) is
/// explained on the page and nothing is written.
/// </summary>
public sealed class ApplyModel(
    RegistryCommands registry, VacancyQueries vacancies, ApplicationCommands commands, Catalogue catalogue, IStringLocalizer<SharedResource> l) : MeModelBase(registry)
{
    /// <summary>What the form offers ticked: what an agency needs to judge the application, not the phone number.</summary>
    public static readonly SharedFields Suggested = SharedFields.BirthDate | SharedFields.Occupations | SharedFields.Skills | SharedFields.Languages | SharedFields.WorkHistory | SharedFields.Education;

    [BindProperty]
    public List<SharedFields> Fields { get; set; } = [];

    [BindProperty]
    public bool Agree { get; set; }

    public Vacancy? Vacancy { get; private set; }

    public (string Title, string Description, string? Language) Text { get; private set; }

    public string CountryName { get; private set; } = string.Empty;

    public SharedFields Chosen { get; private set; } = Suggested;

    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (await LoadVacancyAsync(reference, cancellationToken) is { } missing)
        {
            return missing;
        }

        await CheckAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (await LoadVacancyAsync(reference, cancellationToken) is { } missing)
        {
            return missing;
        }

        Chosen = Fields.Where(ApplicationRules.Choosable.Contains).Aggregate(SharedFields.Name, (all, f) => all | f);
        if (!Agree)
        {
            ModelState.AddModelError(nameof(Agree), "Application.AgreeRequired");
            await CheckAsync(cancellationToken);
            return Page();
        }

        var notice = Notice(Vacancy!.Agency!.Name, Chosen);
        var result = await commands.ApplyAsync(Person, Vacancy.Id, Chosen, (ApplicationRules.NoticeVersion, CultureInfo.CurrentUICulture.Name, notice), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l[result.Error!, result.Arguments]);
            Refused = true;
            return Page();
        }

        TempData["Application.Sent"] = Vacancy.Reference;
        return Redirect("/me/applications");
    }

    /// <summary>The notice as the person reads it, in their language, naming the agency and each field; it is kept with the consent.</summary>
    public string Notice(string agency, SharedFields fields) =>
        l["Application.Notice", agency, string.Join(", ", FieldNames(fields))];

    public IEnumerable<string> FieldNames(SharedFields fields) =>
        new[] { SharedFields.Name }.Concat(ApplicationRules.Choosable).Where(f => fields.HasFlag(f)).Select(f => l["Application.Field." + f].Value);

    private async Task<IActionResult?> LoadVacancyAsync(string reference, CancellationToken cancellationToken)
    {
        Vacancy = await vacancies.PublishedByReferenceAsync(reference.ToUpperInvariant(), cancellationToken);
        if (Vacancy is null)
        {
            return NotFound();
        }

        var language = CultureInfo.CurrentUICulture.Name;
        Text = Vacancy.TextFor(language);
        CountryName = await catalogue.CountryNameAsync(Vacancy.DestinationCountry, language, cancellationToken);
        return null;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (await commands.RefusalAsync(Person, Vacancy, cancellationToken) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, l[refusal.Error!, refusal.Arguments]);
            Refused = true;
        }
    }
}
