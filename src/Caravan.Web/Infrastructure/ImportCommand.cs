using System.Globalization;
using System.Security.Cryptography;
using Caravan.Core.Data;
using Caravan.Core.Migrants.Import;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Caravan.Web -- import-persons FILE.csv</c>: imports a national extract from the command
/// line with progress on the console. Run again after a crash with the same file, it resumes where it stopped.
/// </summary>
public static class ImportCommand
{
    public const string Name = "import-persons";

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var at = args.ToList().IndexOf(Name);
        if (at < 0 || at + 1 >= args.Count || !File.Exists(args[at + 1]))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} FILE.csv (an existing UTF-8 CSV file; columns in docs/registry-import.md)");
            return 2;
        }

        var path = args[at + 1];
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CaravanDbContext>();
        var importer = sp.GetRequiredService<PersonImporter>();
        string sha;
        await using (var hashing = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing));
        }

        var import = await db.Set<RegistryImport>().AsNoTracking()
            .Where(i => i.Sha256 == sha && i.StorageKey == null && i.Status != ImportStatus.Completed && i.FailureKey == null)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync();
        if (import is null)
        {
            import = await importer.CreateAsync(path, null, sha, new FileInfo(path).Length, null);
        }
        else
        {
            Console.WriteLine($"Resuming import {import.Id} after row {import.LastRow.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        var reference = await PersonImportJob.ReferenceDataAsync(sp.GetRequiredService<Catalogue>(), sp.GetRequiredService<IOptions<NodeOptions>>().Value.Country, CancellationToken.None);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var progress = new Progress<ImportProgress>(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows {p.Rows:N0} ({p.Percent:F1} %), {p.RowsPerSecond:N0} rows/s, imported {p.Imported:N0}, errors {p.Failed:N0}")));
        await importer.RunAsync(import.Id, file, reference, progress, CancellationToken.None);
        var done = await db.Set<RegistryImport>().AsNoTracking().SingleAsync(i => i.Id == import.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done.Status}: imported {done.RowsImported:N0}, errors {done.RowsFailed:N0}, merged {done.PairsMerged:N0}, for review {done.PairsForReview:N0}; {done.FailureKey} {done.FailureArgument}"));
        return done.Status == ImportStatus.Completed ? 0 : 1;
    }
}
