using System.Globalization;
using Caravan.Core.Exchange;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin.Partners;

/// <summary>One partner node: its details and agreement, the messages allowed each way, and its keys (add, revoke).</summary>
public sealed class EditModel(TrustListCommands commands, TrustListQueries trust, MatchingKeys matchingKeys, Catalogue catalogue) : PageModel
{
    [BindProperty]
    public string? Country { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? BaseUrl { get; set; }

    [BindProperty]
    public bool IsHub { get; set; }

    [BindProperty]
    public string? Agreement { get; set; }

    [BindProperty]
    public string? FromDay { get; set; }

    [BindProperty]
    public string? FromMonth { get; set; }

    [BindProperty]
    public string? FromYear { get; set; }

    [BindProperty]
    public string? UntilDay { get; set; }

    [BindProperty]
    public string? UntilMonth { get; set; }

    [BindProperty]
    public string? UntilYear { get; set; }

    [BindProperty]
    public Guid? Version { get; set; }

    /// <summary>Ticked flows, each "Direction:Type".</summary>
    [BindProperty]
    public List<string> Flows { get; set; } = [];

    [BindProperty]
    public string? Jwk { get; set; }

    /// <summary>The passport-matching key the partner's administrator gave; bound from the form only, never shown back.</summary>
    [BindProperty]
    public string? MatchingKey { get; set; }

    public PartnerNode? Partner { get; private set; }

    public DateTime? MatchingKeySetAt { get; private set; }

    /// <summary>A key just generated: shown in this one answer (not redirected, so never in a cookie or URL) for the partner's administrator.</summary>
    public string? NewMatchingKey { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Partner = await trust.PartnerAsync(existing, cancellationToken);
            if (Partner is null)
            {
                return NotFound();
            }

            Fill(Partner);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        var countries = (await catalogue.CountryNamesAsync("en", cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var from = Caravan.Web.Infrastructure.FormDates.From(FromDay, FromMonth, FromYear);
        var until = Caravan.Web.Infrastructure.FormDates.From(UntilDay, UntilMonth, UntilYear);
        if (until is null && !string.IsNullOrWhiteSpace(UntilDay + UntilMonth + UntilYear))
        {
            // A half-typed end date is an error, never read as "open-ended".
            ModelState.AddModelError("Until", "Trust.Error.DateInvalid");
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        var result = await commands.SavePartnerAsync(id, Version, new PartnerInput(Country, Name, BaseUrl, IsHub, Agreement, from, until), countries, cancellationToken);
        return await DoneAsync(id, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostFlowsAsync(Guid id, CancellationToken cancellationToken)
    {
        var flows = Flows.Select(f => f.Split(':')).Where(parts => parts.Length == 2
                && Enum.TryParse<FlowDirection>(parts[0], out _) && Enum.TryParse<MessageType>(parts[1], out _))
            .Select(parts => (Enum.Parse<FlowDirection>(parts[0]), Enum.Parse<MessageType>(parts[1]), MessagePurposes.Of(Enum.Parse<MessageType>(parts[1]))))
            .ToList();
        return await DoneAsync(id, await commands.SetFlowsAsync(id, flows, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostKeyAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await commands.AddKeyAsync(id, Jwk, cancellationToken), cancellationToken);

    /// <summary>Each key has its own reason field, so an error shows beside the key it is about.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid key, CancellationToken cancellationToken) =>
        await DoneAsync(id, await commands.RevokeKeyAsync(id, key, Request.Form[$"Reason-{key}"].ToString(), cancellationToken), cancellationToken, $"Reason-{key}");

    public async Task<IActionResult> OnPostMatchingKeyAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await matchingKeys.SetAsync(id, MatchingKey, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRemoveMatchingKeyAsync(Guid id, CancellationToken cancellationToken) =>
        await DoneAsync(id, await matchingKeys.RemoveAsync(id, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostGenerateMatchingKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var (result, key) = await matchingKeys.GenerateAsync(id, cancellationToken);
        if (!result.Succeeded)
        {
            return await DoneAsync(id, result, cancellationToken);
        }

        NewMatchingKey = key;
        await LoadAsync(id, cancellationToken);
        Fill(Partner!);
        return Page();
    }

    public static string FlowValue(FlowDirection direction, MessageType type) => $"{direction}:{type}";

    private async Task<IActionResult> DoneAsync(Guid? id, TrustResult result, CancellationToken cancellationToken, string? fieldPrefix = null)
    {
        if (result.Errors.Any(e => e.Error == "Trust.Error.NotFound"))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Trust.Saved"] = true;
            return Redirect($"/admin/partners/edit/{id ?? result.Id}");
        }

        foreach (var (field, error) in result.Errors)
        {
            var name = field switch
            {
                "Reason" when fieldPrefix is not null => fieldPrefix,
                "ValidFrom" => "From",
                "ValidUntil" => "Until",
                _ => field,
            };
            ModelState.AddModelError(name, error);
        }

        if (id is { } existing)
        {
            Partner = await trust.PartnerAsync(existing, cancellationToken);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing && Partner is null)
        {
            Partner = await trust.PartnerAsync(existing, cancellationToken);
        }

        if (Partner is not null)
        {
            MatchingKeySetAt = await matchingKeys.SetAtAsync(Partner.Id, cancellationToken);
        }

        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Countries = [.. names.OrderBy(n => n.Value, StringComparer.CurrentCulture)];
    }

    private void Fill(PartnerNode p)
    {
        (Country, Name, BaseUrl, IsHub, Agreement, Version) = (p.Country, p.Name, p.BaseUrl, p.IsHub, p.Agreement, p.Version);
        (FromDay, FromMonth, FromYear) = Parts(p.ValidFrom);
        (UntilDay, UntilMonth, UntilYear) = p.ValidUntil is { } until ? Parts(until) : (null, null, null);
    }

    private static (string, string, string) Parts(DateOnly d) =>
        (d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture));
}
