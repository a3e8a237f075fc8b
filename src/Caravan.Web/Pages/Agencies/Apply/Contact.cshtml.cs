using System.ComponentModel.DataAnnotations;
using Caravan.Core.Agencies;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Agencies.Apply;

public sealed class ContactModel(LicensingCommands licensing, Catalogue catalogue, IOptions<NodeOptions> node) : ApplicationStepModel(licensing)
{
    [BindProperty]
    [Required(ErrorMessage = "Apply.RegionRequired")]
    public string? RegionCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Apply.AddressRequired")]
    [StringLength(300, ErrorMessage = "Validation.TooLong")]
    public string? Address { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.EmailInvalid")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Apply.PhoneRequired")]
    public string? Phone { get; set; }

    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();

    protected override string StepName => LicenceSteps.Contact;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        RegionCode = Application.RegionCode;
        Address = Application.Address;
        Email = Application.Email;
        Phone = Application.Phone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Regions = await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken);
        if (RegionCode is not null && !Regions.ContainsKey(RegionCode))
        {
            ModelState.AddModelError(nameof(RegionCode), "Apply.RegionRequired");
        }

        var phone = PhoneNumbers.Normalize(Phone);
        if (Phone is not null && !PhoneNumbers.IsE164(phone))
        {
            ModelState.AddModelError(nameof(Phone), "Apply.PhoneInvalid");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.RegionCode = RegionCode;
        Application.Address = Clean(Address);
        Application.Email = Clean(Email);
        Application.Phone = phone;
        return await SaveAndContinueAsync(cancellationToken);
    }
}
