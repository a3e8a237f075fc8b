using System.Globalization;
using Caravan.Core.Credentials;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Caravan.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>
/// The signed departure card: printable (this page is the no-JavaScript version), in the migrant's language and the
/// destination's, with a QR holding the signed payload that the public verification page and an offline check accept.
/// </summary>
public sealed class CardModel(RegistryCommands registry, DepartureCards cards, Catalogue catalogue, IOptions<NodeOptions> node, CredentialPdf pdf, IStringLocalizer<SharedResource> l)
    : MeModelBase(registry)
{
    /// <summary>Destinations whose language is one of the node's seven; any other gets English as the second language.</summary>
    private static readonly Dictionary<string, string> DestinationLanguages = new(StringComparer.Ordinal)
    {
        ["RU"] = "ru",
        ["KZ"] = "kk",
        ["KG"] = "ky",
        ["TJ"] = "tg",
        ["UZ"] = "uz",
    };

    public DepartureCard Card { get; private set; } = null!;

    public string QrDataUrl { get; private set; } = string.Empty;

    /// <summary>The page's language first, then the destination's when it differs.</summary>
    public IReadOnlyList<string> Languages { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> CountryNames { get; private set; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public string? Consulate { get; private set; }

    public string? Hotline => node.Value.Hotline;

    public Uri VerifyUrl => new(node.Value.PublicUrl, "/verify");

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        ShowAsync(id, () => Page(), cancellationToken);

    /// <summary>The same card as a PDF, to keep on the phone or print: one section per language, the QR large enough to scan.</summary>
    public Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken cancellationToken) =>
        ShowAsync(id, () =>
        {
            var sheet = new PdfSheet(l["Card.Title"], Card.Credential.Code, l["Card.Code"], Card.Credential.Token, [.. Languages.Select(lang => new PdfSection(
                l.In(lang, "Card.Heading"),
                [.. RowsIn(lang).Select(r => new PdfRow(r.Label, r.Values))],
                [l.In(lang, "Card.Help") + " " + l.In(lang, "Card.HelpLink") + ": " + new Uri(node.Value.PublicUrl, "/me/cases/new"), l.In(lang, "Card.Verify", VerifyUrl)]))]);
            return File(pdf.Render(sheet), "application/pdf", Card.Credential.Code + ".pdf");
        }, cancellationToken);

    /// <summary>The card's rows in one of its languages, for the page and the PDF alike.</summary>
    public IReadOnlyList<CardRow> RowsIn(string lang)
    {
        var c = Card.Credential;
        var d = Card.Departure;
        var names = CountryNames[lang];
        var rows = new List<CardRow>
        {
            new(l.In(lang, "Card.Holder"), [c.Initials]),
            new(l.In(lang, "Card.Destination"), [$"{names.GetValueOrDefault(d.Destination, d.Destination)}, {d.City}"]),
            new(l.In(lang, "Card.Departed"), [d.DepartureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
            new(l.In(lang, "Card.Agency"), [Card.Agency is { } a ? $"{a.Name} ({a.LicenceNumber})" : l.In(lang, "Card.NoAgency")]),
            new(l.In(lang, "Card.Employer"), [d.EmployerName ?? "—"]),
            new(l.In(lang, "Card.Contract"), d.ContractFlags.Count == 0 ? [l.In(lang, "Card.NoFlags")]
                : [.. d.ContractFlags.Select(flag => flag.Split('|')).Select(parts => l.In(lang, "Flag." + parts[0], [.. parts.Skip(1).Select(p => (object)names.GetValueOrDefault(p, p))]))]),
        };
        if (Consulate is { } consulate)
        {
            rows.Add(new(l.In(lang, "Card.Consulate"), [consulate], "en"));
        }

        if (Hotline is { } hotline)
        {
            rows.Add(new(l.In(lang, "Card.Hotline"), [hotline]));
        }

        rows.Add(new(l.In(lang, "Card.Emergency"), ["112"]));
        return rows;
    }

    private async Task<IActionResult> ShowAsync(Guid id, Func<IActionResult> show, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var card = await cards.ForAsync(Person, RecordIds, id, cancellationToken);
        if (card is null)
        {
            return NotFound();
        }

        Card = card;
        var reader = CultureInfo.CurrentUICulture.Name;
        var second = DestinationLanguages.GetValueOrDefault(card.Departure.Destination, "en");
        Languages = second == reader ? [reader] : [reader, second];
        var names = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            names[language] = await catalogue.CountryNamesAsync(language, cancellationToken);
        }

        CountryNames = names;
        Consulate = node.Value.Consulates.GetValueOrDefault(card.Departure.Destination);
        QrDataUrl = QrImages.DataUrl(card.Credential.Token);
        return show();
    }
}

/// <summary>A row of the departure card; <paramref name="Lang"/> marks a value not in the section's language.</summary>
public sealed record CardRow(string Label, IReadOnlyList<string> Values, string? Lang = null);
