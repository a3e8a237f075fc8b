using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Node.Export;

public sealed record ExportResult(string Folder, int Tables, long Rows, int Documents, bool KeyRingIncluded);

/// <summary>
/// Writes every table of the node, from one consistent snapshot, as CSV files with a Frictionless data package and an
/// authenticated manifest; Sensitive columns leave as the ciphertext they are stored as. The files go to a hidden
/// folder beside the target that is renamed when complete and deleted on any failure, so no half export is left.
/// </summary>
public sealed class NodeExporter(
    CaravanDbContext db,
    IDataProtectionProvider protection,
    IExportFiles files,
    NodeExportAudit audit,
    IOptions<NodeOptions> node,
    IOptions<NodeExportOptions> options,
    TimeProvider time)
{
    public const string DataFolder = "data";
    public const string DocumentsFolder = "documents";
    public const string KeyRingFolder = "keyring";

    public static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture) { NewLine = "\r\n" };

    public async Task<ExportResult> ExportAsync(string folder, bool includeKeys, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            var refusal = $"{target} already exists and is not an empty folder; choose a new folder for the export.";
            await audit.RecordAsync(NodeExportAudit.Export, target, "refused", refusal, null, cancellationToken);
            throw new NodeExportException(refusal);
        }

        var parent = Path.GetDirectoryName(target)!;
        var partial = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        var done = false;
        try
        {
            Directory.CreateDirectory(Path.Combine(partial, DataFolder));
            var result = await WriteAsync(partial, target, includeKeys, cancellationToken);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(partial, target);
            done = true;
            await audit.RecordAsync(NodeExportAudit.Export, target, "completed", includeKeys ? "key ring included" : null, result.Rows, cancellationToken);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException or NotSupportedException)
        {
            var message = $"The export to {target} failed and nothing was written there: {e.Message}";
            TryDelete(partial);
            await audit.RecordAsync(NodeExportAudit.Export, target, "failed", e.Message, null, CancellationToken.None);
            throw new NodeExportException(message, e);
        }
        finally
        {
            if (!done)
            {
                TryDelete(partial);
            }
        }
    }

    private async Task<ExportResult> WriteAsync(string partial, string target, bool includeKeys, CancellationToken cancellationToken)
    {
        var tables = TableSchemas.Build(db.Model);
        var migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault()
            ?? throw new InvalidOperationException("The node's database has no migrations applied.");
        var exportedAt = time.GetUtcNow().UtcDateTime;
        var written = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var snapshot = await BeginSnapshotAsync(cancellationToken);
            foreach (var table in tables)
            {
                var rows = await WriteTableAsync(table, snapshot, Path.Combine(partial, table.FileName), cancellationToken);
                written[table.Name] = await DescribeAsync(partial, table.FileName, table.Name, rows, cancellationToken);
            }

            await snapshot.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var listed = tables.Select(t => written[t.Name]).ToList();
        var documents = await CopyFolderAsync(options.Value.DocumentsPath, partial, DocumentsFolder, IsDocumentKey, cancellationToken);
        foreach (var document in documents)
        {
            listed.Add(await DescribeAsync(partial, document, null, null, cancellationToken));
        }

        await WriteBytesAsync(Path.Combine(partial, DataPackage.FileName), DataPackage.Write(node.Value.Country, exportedAt, tables, written), cancellationToken);
        listed.Add(await DescribeAsync(partial, DataPackage.FileName, null, null, cancellationToken));
        if (includeKeys)
        {
            await CopyFolderAsync(options.Value.KeysPath, partial, KeyRingFolder, _ => true, cancellationToken);
        }

        var manifest = new ExportManifest
        {
            Country = node.Value.Country,
            Provider = db.Database.IsNpgsql() ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite),
            SchemaMigration = migration,
            ExportedAt = exportedAt,
            KeyRingIncluded = includeKeys,
            Files = listed,
        }.Seal(protection);
        await WriteBytesAsync(Path.Combine(partial, ExportManifest.FileName), manifest.ToJson(), cancellationToken);
        return new ExportResult(target, tables.Count, listed.Sum(f => f.Rows ?? 0), documents.Count, includeKeys);
    }

    /// <summary>One read transaction for every table, so the export is one moment of the node; SQLite's stays deferred so writers go on.</summary>
    private async Task<DbTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        return connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }

    private async Task<long> WriteTableAsync(ExportTable table, DbTransaction snapshot, string path, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = snapshot;
        command.CommandTimeout = 0;
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name)} ORDER BY {string.Join(", ", table.PrimaryKey.Select(sql.DelimitIdentifier))}";
        await using var stream = files.Create(path);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await using var csv = new CsvWriter(writer, Csv);
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.NextRecordAsync();
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                csv.WriteField(ColumnValues.Read(reader, i, table.Columns[i]));
            }

            await csv.NextRecordAsync();
            rows++;
        }

        await csv.FlushAsync();
        return rows;
    }

    private async Task<List<string>> CopyFolderAsync(string source, string partial, string into, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var copied = new List<string>();
        if (!Directory.Exists(source))
        {
            return copied;
        }

        Directory.CreateDirectory(Path.Combine(partial, into));
        foreach (var file in Directory.EnumerateFiles(source).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!include(name))
            {
                continue;
            }

            var relative = $"{into}/{name}";
            await using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var output = files.Create(Path.Combine(partial, relative)))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            copied.Add(relative);
        }

        return copied;
    }

    private async Task WriteBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var output = files.Create(path);
        await output.WriteAsync(bytes, cancellationToken);
    }

    internal static bool IsDocumentKey(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);

    internal static async Task<ManifestFile> DescribeAsync(string folder, string relative, string? table, long? rows, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Path.Combine(folder, relative), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return new ManifestFile(relative, sha, file.Length, table, rows);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the folder is hidden and named as partial; the error reported is the original one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
