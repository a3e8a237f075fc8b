using System.Security.Cryptography;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>How an upload went: the upload to go on with, or why the file was refused.</summary>
public sealed record UploadOutcome(StatUpload? Upload, TableFileProblem Problem, StatDatasetVersion? AlreadyImportedAs = null);

/// <summary>
/// The wizard's first steps: take a file (once per hash), keep the analyst's mapping and hand-mapped names, and
/// check the table against them. Nothing here touches a dataset; <see cref="DatasetCommitter"/> does.
/// </summary>
public sealed class DatasetUploads(CaravanDbContext db, IDocumentStore store, Catalogue catalogue, IAuditActor actor, IOptions<NodeOptions> node, TimeProvider time)
{
    public static readonly string[] Languages = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg"];

    public async Task<UploadOutcome> UploadAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Read at most one byte past the limit, so a large file is refused without being held whole.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > TableGridReader.MaxBytes)
            {
                return new(null, TableFileProblem.TooLarge);
            }
        }

        var bytes = buffer.ToArray();
        var (grid, problem) = TableGridReader.Read(fileName, bytes);
        if (grid is null)
        {
            return new(null, problem);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var imported = await db.Set<StatDatasetVersion>().AsNoTracking().Include(v => v.Dataset).FirstOrDefaultAsync(v => v.FileSha256 == hash, cancellationToken);
        if (imported is not null)
        {
            return new(null, TableFileProblem.None, imported);
        }

        // The same file again, before it was committed: the wizard goes on with the first upload, never a second copy.
        var pending = await db.Set<StatUpload>().FirstOrDefaultAsync(u => u.Sha256 == hash, cancellationToken);
        if (pending is not null)
        {
            return new(pending, TableFileProblem.None);
        }

        var stored = await store.SaveAsync(new MemoryStream(bytes, writable: false), cancellationToken);
        var upload = new StatUpload
        {
            Id = Guid.CreateVersion7(),
            FileName = Path.GetFileName(fileName),
            StorageKey = stored.StorageKey,
            Sha256 = hash,
            Length = bytes.Length,
            UploadedBy = actor.Name,
            UploadedAt = time.GetUtcNow().UtcDateTime,
            Mapping = Guess(grid).ToJson(),
        };
        db.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return new(upload, TableFileProblem.None);
    }

    public async Task<StatUpload?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Set<StatUpload>().FirstOrDefaultAsync(u => u.Id == id && u.VersionId == null, cancellationToken);

    public async Task<TableGrid> GridAsync(StatUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await using var stream = store.OpenRead(upload.StorageKey);
        var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken);
        return TableGridReader.Read(upload.FileName, bytes.ToArray()).Grid
            ?? throw new InvalidOperationException("A stored upload no longer reads as a table.");
    }

    public async Task SaveMappingAsync(StatUpload upload, ImportMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(mapping);
        upload.Mapping = mapping.ToJson();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Keeps names the analyst mapped; a code that is not a known country or region is refused (false).</summary>
    public async Task<bool> SaveNamesAsync(StatUpload upload, IEnumerable<(string Kind, string Name, string Code)> mapped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(mapped);
        var names = HandMappedNames.FromJson(upload.Names);
        var countries = (await catalogue.CountryNamesAsync("en", cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var regions = (await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (kind, name, code) in mapped)
        {
            var known = kind == HandMappedNames.Country ? countries.Contains(code) : kind == HandMappedNames.Region && regions.Contains(code);
            if (!known)
            {
                return false;
            }

            names.Set(kind, name, code);
        }

        upload.Names = names.ToJson();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<(TableGrid Grid, ImportMapping Mapping, ImportCheckResult Result)> CheckAsync(StatUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var grid = await GridAsync(upload, cancellationToken);
        var mapping = ImportMapping.FromJson(upload.Mapping) ?? Guess(grid);
        var checker = await CheckerAsync(HandMappedNames.FromJson(upload.Names), cancellationToken);
        return (grid, mapping, checker.Check(grid, mapping));
    }

    public async Task<ImportChecker> CheckerAsync(HandMappedNames names, CancellationToken cancellationToken = default)
    {
        var country = node.Value.Country;
        var countries = await CountryMatcher.CreateAsync(catalogue, Languages, cancellationToken);
        var regions = new RegionMatcher(country, await catalogue.SubdivisionsAsync(country, cancellationToken));
        return new ImportChecker(countries, regions, names, country);
    }

    /// <summary>
    /// A first guess for the mapping form: the header is the first row with text in two or more cells followed by a
    /// row with a number; columns whose header is a year are figures by period.
    /// </summary>
    public static ImportMapping Guess(TableGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var header = 0;
        for (var r = 0; r + 1 < grid.Rows.Count; r++)
        {
            var filled = grid.Rows[r].Count(c => c.Length > 0);
            var next = grid.Rows[r + 1].Any(c => TableNumbers.Parse(c, '.').Kind == TableNumberKind.Number && c.Length > 0);
            if (filled >= 2 && next)
            {
                header = r;
                break;
            }
        }

        var columns = Enumerable.Range(0, grid.Columns)
            .Select(c => DimensionValues.Date(grid.Cell(header, c)) is not null && grid.Cell(header, c).Length == 4 ? ColumnRole.HeaderValue : ColumnRole.Ignore)
            .ToList();
        return new ImportMapping { HeaderRow = header + 1, Columns = columns, HeaderHolds = HeaderDimension.Date };
    }
}
