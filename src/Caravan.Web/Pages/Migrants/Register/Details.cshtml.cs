using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

public sealed class DetailsModel(RegistryCommands registry, IOptions<NodeOptions> node, Catalogue catalogue) : RegistrationStepModel(registry, node)
{
    [BindProperty]
    public string? BirthDay { get; set; }

    [BindProperty]
    public string? BirthMonth { get; set; }

    [BindProperty]
    public string? BirthYear { get; set; }

    [BindProperty]
    public string? Sex { get; set; }

    [BindProperty]
    public string? Citizenship { get; set; }

    [BindProperty]
    public string? RegionCode { get; set; }

    public IReadOnlyDictionary<string, string> Countries { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();

    protected override string StepName => RegistrationSteps.Details;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadListsAsync(cancellationToken);
        BirthDay = Person.BirthDate?.Day.ToString(CultureInfo.InvariantCulture);
        BirthMonth = Person.BirthDate?.Month.ToString(CultureInfo.InvariantCulture);
        BirthYear = Person.BirthDate?.Year.ToString(CultureInfo.InvariantCulture);
        Sex = Person.Sex?.ToString();
        Citizenship = Person.Citizenship ?? Node.Country;
        RegionCode = Person.RegionCode;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadListsAsync(cancellationToken);
        DateOnly? born = PersonInput.TryParseDate(BirthDay, BirthMonth, BirthYear, out var parsed) ? parsed : null;
        var dateError = born is null && (BirthDay ?? BirthMonth ?? BirthYear) is not null
            ? "Person.BirthDateInvalid"
            : PersonInput.CheckBirthDate(born, Registry.Today);
        if (dateError is not null)
        {
            ModelState.AddModelError("Birth", dateError);
        }

        Sex? sex = Enum.TryParse<Sex>(Sex, out var s) && Enum.IsDefined(s) ? s : null;
        if (sex is null)
        {
            ModelState.AddModelError(nameof(Sex), "Person.SexRequired");
        }

        if (Citizenship is null || !Countries.ContainsKey(Citizenship))
        {
            ModelState.AddModelError(nameof(Citizenship), "Person.CitizenshipRequired");
        }

        // Only the node's own citizens have a region of origin among its subdivisions.
        var needsRegion = Citizenship == Node.Country;
        if (needsRegion && (RegionCode is null || !Regions.ContainsKey(RegionCode)))
        {
            ModelState.AddModelError(nameof(RegionCode), "Person.RegionRequired");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var date = born!.Value;
        await ChangeFieldAsync(PersonFields.BirthDate, Person.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            p => RegistryCommands.SetBirthDate(p, date), cancellationToken);
        await ChangeFieldAsync(PersonFields.Sex, Person.Sex?.ToString(), sex!.Value.ToString(), p => p.Sex = sex, cancellationToken);
        await ChangeFieldAsync(PersonFields.Citizenship, Person.Citizenship, Citizenship, p => p.Citizenship = Citizenship, cancellationToken);
        var region = needsRegion ? RegionCode : null;
        await ChangeFieldAsync(PersonFields.Region, Person.RegionCode, region, p => p.RegionCode = region, cancellationToken);
        return await SaveAndContinueAsync(cancellationToken);
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Regions = await catalogue.SubdivisionsAsync(Node.Country, cancellationToken);
    }
}
