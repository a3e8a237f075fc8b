using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>
/// Education and occupations. The occupation list is searched on the server (a second submit button), so the
/// page works without JavaScript and the boxes already ticked survive a search.
/// </summary>
public sealed class WorkModel(RegistryCommands registry, IOptions<NodeOptions> node, Catalogue catalogue) : RegistrationStepModel(registry, node)
{
    public const int MaxOccupations = 5;

    [BindProperty]
    public string? Education { get; set; }

    [BindProperty]
    public List<string> Occupations { get; set; } = [];

    [BindProperty]
    public string? Find { get; set; }

    [BindProperty]
    public string? Skills { get; set; }

    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Found { get; private set; } = [];

    public bool Searched { get; private set; }

    protected override string StepName => RegistrationSteps.Work;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Titles = await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Education = Person.Education?.ToString();
        Occupations = [.. Person.Occupations];
        Skills = string.Join(", ", Person.Skills);
        return Page();
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Titles = await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Searched = true;
        if (!string.IsNullOrWhiteSpace(Find) && Find.Trim().Length >= 2)
        {
            var units = await catalogue.IscoUnitsMatchingAsync(Find, cancellationToken);
            Found = [.. units.Where(u => !Occupations.Contains(u)).Order(StringComparer.Ordinal).Take(30)];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Titles = await catalogue.IscoTitlesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var units = await catalogue.IscoUnitCodesAsync(cancellationToken);
        EducationLevel? education = Enum.TryParse<EducationLevel>(Education, out var e) && Enum.IsDefined(e) ? e : null;
        if (education is null)
        {
            ModelState.AddModelError(nameof(Education), "Person.EducationRequired");
        }

        var occupations = Occupations.Where(units.Contains).Distinct().ToList();
        if (occupations.Count > MaxOccupations)
        {
            ModelState.AddModelError(nameof(Occupations), "Person.TooManyOccupations");
        }

        var skills = (Skills ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (skills.Count > PersonInput.MaxSkills || skills.Any(s => s.Length > PersonInput.MaxSkillLength))
        {
            ModelState.AddModelError(nameof(Skills), "Person.SkillsTooLong");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await ChangeFieldAsync(PersonFields.Education, Person.Education?.ToString(), education!.Value.ToString(), p => p.Education = education, cancellationToken);
        await ChangeFieldAsync(PersonFields.Occupations, string.Join(' ', Person.Occupations), string.Join(' ', occupations), p => p.Occupations = occupations, cancellationToken);
        await ChangeFieldAsync(PersonFields.Skills, string.Join(", ", Person.Skills), string.Join(", ", skills), p => p.Skills = skills, cancellationToken);
        return await SaveAndContinueAsync(cancellationToken);
    }
}
