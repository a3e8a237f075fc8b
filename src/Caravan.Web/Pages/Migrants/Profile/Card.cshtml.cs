using System.Globalization;
using Caravan.Core.Credentials;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Caravan.Web.Pages.Migrants.Profile;

/// <summary>
/// The signed departure card: printable (this page is the no-JavaScript version), in the migrant's language and the
/// destination's, with a QR holding the signed payload that the public verification page and an offline check accept.
/// </summary>
public sealed class CardModel(RegistryCommands registry, DepartureCards cards, Catalogue catalogue, IOptions<NodeOptions> node) : MeModelBase(registry)
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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
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
        using var data = QRCodeGenerator.GenerateQrCode(card.Credential.Token, QRCodeGenerator.ECCLevel.L);
        QrDataUrl = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(3));
        return Page();
    }
}
