using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Caravan.Web.Pages.Migrants.Register;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Officer;

/// <summary>
/// Assisted registration at a local employment or youth centre: the officer enters the person's details and records
/// who gave consent, for what. Possible duplicates are shown straight away, for the officer to decide with the person.
/// </summary>
// Hotline operators register callers so that their case can be linked to them.
[Authorize(Roles = Roles.Officer + "," + Roles.HotlineOperator)]
public sealed class NewModel(RegistryCommands registry, Catalogue catalogue, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? GivenName { get; set; }

    [BindProperty] public string? FamilyName { get; set; }

    [BindProperty] public string? Patronymic { get; set; }

    [BindProperty] public string? BirthDay { get; set; }

    [BindProperty] public string? BirthMonth { get; set; }

    [BindProperty] public string? BirthYear { get; set; }

    [BindProperty] public string? Sex { get; set; }

    [BindProperty] public string? Citizenship { get; set; }

    [BindProperty] public string? RegionCode { get; set; }

    [BindProperty] public string? DocumentNumber { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? ConsentGivenBy { get; set; }

    [BindProperty] public bool RegistrationConsent { get; set; }

    [BindProperty] public List<string> Purposes { get; set; } = [];

    public IReadOnlyDictionary<string, string> Countries { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Citizenship = node.Value.Country;
        await LoadListsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadListsAsync(cancellationToken);
        Check(nameof(GivenName), PersonInput.CheckName(GivenName, required: true));
        Check(nameof(FamilyName), PersonInput.CheckName(FamilyName, required: true));
        Check(nameof(Patronymic), PersonInput.CheckName(Patronymic, required: false));
        DateOnly? born = PersonInput.TryParseDate(BirthDay, BirthMonth, BirthYear, out var parsed) ? parsed : null;
        Check("Birth", born is null && (BirthDay ?? BirthMonth ?? BirthYear) is not null ? "Person.BirthDateInvalid" : PersonInput.CheckBirthDate(born, registry.Today));
        Sex? sex = Enum.TryParse<Sex>(Sex, out var s) && Enum.IsDefined(s) ? s : null;
        Check(nameof(Sex), sex is null ? "Person.SexRequired" : null);
        Check(nameof(Citizenship), Citizenship is null || !Countries.ContainsKey(Citizenship) ? "Person.CitizenshipRequired" : null);
        var needsRegion = Citizenship == node.Value.Country;
        Check(nameof(RegionCode), needsRegion && (RegionCode is null || !Regions.ContainsKey(RegionCode)) ? "Person.RegionRequired" : null);
        // At a centre the person may not carry their passport; the record can be completed later.
        Check(nameof(DocumentNumber), PersonInput.CheckDocument(DocumentNumber, required: false));
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : PhoneNumbers.Normalize(Phone);
        Check(nameof(Phone), phone is not null && !PhoneNumbers.IsE164(phone) ? "Validation.PhoneFormat" : null);
        Check(nameof(ConsentGivenBy), string.IsNullOrWhiteSpace(ConsentGivenBy) || ConsentGivenBy.Length > 200 ? "Persons.ConsentGivenByRequired" : null);
        Check(nameof(RegistrationConsent), RegistrationConsent ? null : "Persons.RegistrationConsentRequired");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var person = new Person { Phone = phone, Sex = sex, Citizenship = Citizenship, RegionCode = needsRegion ? RegionCode : null };
        RegistryCommands.SetNames(person, GivenName!, FamilyName!, Patronymic);
        RegistryCommands.SetBirthDate(person, born);
        registry.SetDocument(person, DocumentNumber);
        var language = CultureInfo.CurrentUICulture.Name;
        var consents = ConsentModel.Asked.Where(p => Purposes.Contains(p.ToString()))
            .Select(p => (p, ConsentNotices.Version, language, (string)l[ConsentNotices.Key(p)])).ToList();
        var (created, duplicates) = await registry.RegisterAssistedAsync(person, RegistryActors.From(User, node.Value), ConsentGivenBy!.Trim(), consents, cancellationToken);
        if (duplicates.Count > 0)
        {
            TempData["Persons.JustRegistered"] = created.Reference;
            return Redirect($"/officer/persons/duplicates/{duplicates[0].Id}");
        }

        TempData["Persons.Registered"] = created.Reference;
        return Redirect($"/officer/persons/{created.Reference}");
    }

    private void Check(string field, string? key)
    {
        if (key is not null)
        {
            ModelState.AddModelError(field, key);
        }
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
    }
}
