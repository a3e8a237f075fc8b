using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>
/// Consent per purpose, asked during registration. The notice is stored as the person read it (version,
/// language, text). Sharing with an agency is asked later, when the person applies to that agency.
/// </summary>
public sealed class ConsentModel(RegistryCommands registry, PersonConsents consents, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : RegistrationStepModel(registry, node)
{
    [BindProperty]
    public List<string> Purposes { get; set; } = [];

    public static readonly IReadOnlyList<ConsentPurpose> Asked = [ConsentPurpose.Notifications, ConsentPurpose.Statistics];

    protected override string StepName => RegistrationSteps.Consent;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var given = await consents.ConsentsAsync(Person.Id, cancellationToken);
        Purposes = [.. given.Where(c => c.IsActive).Select(c => c.Purpose.ToString())];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var given = await consents.ConsentsAsync(Person.Id, cancellationToken);
        foreach (var purpose in Asked)
        {
            var active = given.FirstOrDefault(c => c.IsActive && c.Purpose == purpose);
            if (Purposes.Contains(purpose.ToString()) && active is null)
            {
                await consents.GiveConsentAsync(Person, purpose, null, ConsentNotices.Version, CultureInfo.CurrentUICulture.Name,
                    l[ConsentNotices.Key(purpose)], Actor.Name.Length > 0 ? Actor.Name : Person.Reference, null, cancellationToken);
            }
            else if (!Purposes.Contains(purpose.ToString()) && active is not null)
            {
                await consents.WithdrawConsentAsync(Person.Id, active.Id, cancellationToken);
            }
        }

        return await SaveAndContinueAsync(cancellationToken);
    }
}

public static class ConsentNotices
{
    /// <summary>Bump when a notice's text changes in substance, so each stored consent says which text it was.</summary>
    public const string Version = "2026-11";

    public static string Key(ConsentPurpose purpose) => "Consent.Notice." + purpose;
}
