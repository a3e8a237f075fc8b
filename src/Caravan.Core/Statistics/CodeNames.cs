using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics;

/// <summary>
/// Names, in a language, for the codes of dimensions whose codes come from data: regions as ISO 3166-2 publishes them,
/// countries from CLDR, ISCO-08 major groups, and agencies by their registered names. The fixed codes (sex, age bands,
/// categories, total and unknown) are interface strings and are named by the web layer's resources.
/// </summary>
public sealed class CodeNames(CaravanDbContext db, Catalogue catalogue, IMemoryCache cache, IOptions<NodeOptions> node)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public async Task<IReadOnlyDictionary<string, string>> ForAsync(Dimension dimension, string language, CancellationToken cancellationToken = default) => dimension switch
    {
        Dimension.Region => await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken),
        Dimension.Destination => await catalogue.CountryNamesAsync(language, cancellationToken),
        Dimension.Occupation => (await catalogue.IscoTitlesAsync(language, cancellationToken))
            .Where(t => t.Key.Length == 1).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        Dimension.Agency => await AgenciesAsync(cancellationToken),
        Dimension.Sex or Dimension.AgeBand or Dimension.Category => None,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private async Task<IReadOnlyDictionary<string, string>> AgenciesAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("statistics:agency-names", async entry =>
        {
            // As the codes themselves (Codelists), a minute late for a new or renamed agency is harmless.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            entry.Size = 1;
            var rows = await db.Set<Agency>().AsNoTracking().Where(a => a.LicenceNumber != null)
                .Select(a => new { a.LicenceNumber, a.Name }).ToListAsync(cancellationToken);
            return (IReadOnlyDictionary<string, string>)rows.ToDictionary(r => r.LicenceNumber!, r => r.Name, StringComparer.Ordinal);
        }) ?? None;
}
