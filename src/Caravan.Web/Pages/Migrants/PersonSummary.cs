using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;

namespace Caravan.Web.Pages.Migrants;

/// <summary>What _PersonSummary shows. DocumentShown is set only after a logged reveal or for the person themselves.</summary>
public sealed record PersonSummary(
    Person Person,
    IReadOnlyDictionary<string, string> CountryNames,
    IReadOnlyDictionary<string, string> Regions,
    IReadOnlyDictionary<string, string> IscoTitles,
    string? ChangeBase,
    string? DocumentShown = null)
{
    public static async Task<PersonSummary> LoadAsync(Catalogue catalogue, Person person, string nodeCountry, string? changeBase, string? documentShown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var language = CultureInfo.CurrentUICulture.Name;
        return new PersonSummary(
            person,
            await catalogue.CountryNamesAsync(language, cancellationToken),
            await catalogue.SubdivisionsAsync(nodeCountry, cancellationToken),
            await catalogue.IscoTitlesAsync(language, cancellationToken),
            changeBase,
            documentShown);
    }
}
