using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Web.Infrastructure;
using Caravan.Web.Pages.Migrants.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>Every consent the person gave, with the notice as they read it; any active one can be withdrawn at once.</summary>
public sealed class ConsentsModel(RegistryCommands registry, PersonConsents consents, JourneyCommands journeys, CaravanDbContext db, Outbox outbox, IOptions<Caravan.Core.Node.NodeOptions> node, IStringLocalizer<SharedResource> l) : MeModelBase(registry)
{
    /// <summary>Whether service text messages (about cases) reach the person; one-time codes always do.</summary>
    public bool ServiceMessages { get; private set; } = true;

    [BindProperty]
    public bool Receive { get; set; }

    /// <summary>The language of the person's text messages.</summary>
    [BindProperty]
    public string? MessageLanguage { get; set; }

    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> AgencyNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty]
    public string? Licence { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await LoadConsentsAsync(cancellationToken);
        return Page();
    }

    /// <summary>Lets one licensed agency see the profile (not the document or phone) to record a placement.</summary>
    public async Task<IActionResult> OnPostShareAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var agencyId = await journeys.AgencyByLicenceAsync(Licence, cancellationToken);
        if (agencyId is null)
        {
            ModelState.AddModelError(nameof(Licence), "Journey.AgencyRequired");
            await LoadConsentsAsync(cancellationToken);
            return Page();
        }

        await consents.GiveConsentAsync(Person, ConsentPurpose.AgencySharing, agencyId, ConsentNotices.Version, CultureInfo.CurrentUICulture.Name,
            l[ConsentNotices.Key(ConsentPurpose.AgencySharing)], Person.Reference, null, cancellationToken);
        return RedirectToPage();
    }

    /// <summary>Stops or restarts text messages that are not about signing in. Security messages cannot be stopped.</summary>
    public async Task<IActionResult> OnPostMessagesAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (!Cultures.IsSupported(MessageLanguage))
        {
            ModelState.AddModelError(nameof(MessageLanguage), "Me.Messages.LanguageRequired");
            await LoadConsentsAsync(cancellationToken);
            return Page();
        }

        if (Phone is { } phone)
        {
            await outbox.SetOptOutAsync(MessageChannel.Sms, phone, optOut: !Receive, cancellationToken);
        }

        var culture = Cultures.Supported.First(c => string.Equals(c.Code, MessageLanguage, StringComparison.OrdinalIgnoreCase)).Code;
        if (Person.MessageCulture != culture)
        {
            await Registry.SetMessageCultureAsync(Person, culture, cancellationToken);
        }

        TempData["Me.Messages"] = Receive;
        return RedirectToPage();
    }

    private string? Phone => Caravan.Core.Identity.PhoneNumbers.IsE164(Person.Phone) ? Person.Phone : User.Identity?.Name;

    private async Task LoadConsentsAsync(CancellationToken cancellationToken)
    {
        ServiceMessages = Phone is not { } phone || !await outbox.OptedOutAsync(MessageChannel.Sms, phone, cancellationToken);
        MessageLanguage ??= Person.MessageCulture ?? node.Value.DefaultCulture;
        Consents = await consents.ConsentsAsync(Person.Id, cancellationToken);
        var ids = Consents.Where(c => c.AgencyId != null).Select(c => c.AgencyId!.Value).Distinct().ToList();
        AgencyNames = await db.Set<Core.Agencies.Agency>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (!await consents.WithdrawConsentAsync(Person.Id, id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Consent.Withdrawn"] = true;
        return RedirectToPage();
    }
}
