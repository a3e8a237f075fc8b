using Caravan.Core.Data;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Migrants.Import;

/// <summary>Runs an uploaded import in the background; run again, it resumes after the last committed batch.</summary>
public sealed class PersonImportJob(CaravanDbContext db, PersonImporter importer, IDocumentStore store, Catalogue catalogue, IOptions<NodeOptions> node)
{
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        var import = await db.Set<RegistryImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import?.StorageKey is null || import.Status == ImportStatus.Completed)
        {
            return;
        }

        await using var file = store.OpenRead(import.StorageKey);
        await importer.RunAsync(importId, file, await ReferenceDataAsync(catalogue, node.Value.Country, cancellationToken), null, cancellationToken);
    }

    public static async Task<ImportReferenceData> ReferenceDataAsync(Catalogue catalogue, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var countries = await catalogue.CountryNamesAsync("en", cancellationToken);
        var regions = await catalogue.SubdivisionsAsync(country, cancellationToken);
        return new ImportReferenceData(country, countries.Keys.ToHashSet(StringComparer.Ordinal), regions.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
