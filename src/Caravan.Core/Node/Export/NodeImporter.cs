using System.Data.Common;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Node.Export;

public sealed record ImportResult(string Folder, int Tables, long Rows, int Documents, long SeedRowsReplaced);

/// <summary>
/// Restores an export into an empty node, on the same engine or the other one, in one transaction: either every row
/// is written or none. Empty means: migrated to the export's schema, holding nothing but what <c>migrate</c> seeds on a
/// node without demo data (<see cref="SeededTypes"/> and the audit entries of that seeding). Those seeded rows are
/// replaced by the export's own inside the transaction; the audit entries of earlier import attempts are kept.
/// </summary>
public sealed class NodeImporter(CaravanDbContext db, IDataProtectionProvider protection, NodeExportAudit audit, IOptions<NodeExportOptions> options)
{
    /// <summary>The tables <c>migrate</c> fills on a new node: roles, reference data, the statistics fact kinds, and the listing and trust-list stamps.</summary>
    public static readonly IReadOnlyList<Type> SeededTypes =
    [
        typeof(CaravanRole), typeof(Country), typeof(CountryName), typeof(Subdivision), typeof(Currency), typeof(IscoGroup),
        typeof(IscoTitle), typeof(MinimumWage), typeof(ExchangeRate), typeof(ExchangeRateHistory), typeof(Agencies.ViolationType),
        typeof(Statistics.FactKindStatus), typeof(Vacancies.ListingStamp), typeof(Exchange.TrustListStamp),
    ];

    public async Task<ImportResult> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var copied = new List<string>();
        try
        {
            var manifest = await ExportVerifier.VerifyAsync(source, protection, cancellationToken);
            var tables = TableSchemas.Build(db.Model);
            await CheckSchemaAsync(manifest, tables, cancellationToken);
            ImportResult result;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var connection = db.Database.GetDbConnection();
                var seedRows = await ClearSeedAsync(tables, connection, transaction.GetDbTransaction(), cancellationToken);
                var loader = new TableLoader(connection, transaction.GetDbTransaction(), db.GetService<ISqlGenerationHelper>());
                long rows = 0;
                foreach (var table in tables)
                {
                    var loaded = await loader.LoadAsync(table, Path.Combine(source, table.FileName), cancellationToken);
                    var listed = manifest.Files.Single(f => f.Table == table.Name).Rows;
                    rows += loaded == listed ? loaded : throw new NodeExportException($"{table.FileName} holds {loaded} rows; the manifest says {listed}.");
                }

                await loader.LinkAsync(cancellationToken);
                await ResetSequencesAsync(tables, connection, transaction.GetDbTransaction(), cancellationToken);
                await CopyDocumentsAsync(source, manifest, copied, cancellationToken);
                await audit.RecordAsync(NodeExportAudit.Import, source, "completed", $"from a {manifest.Provider} node of {manifest.Country} exported at {manifest.ExportedAt:O}; {seedRows} seeded rows replaced", rows, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                result = new ImportResult(source, tables.Count, rows, copied.Count, seedRows);
            }

            copied.Clear();
            return result;
        }
        catch (NodeExportException e)
        {
            await AfterFailureAsync(source, copied, "refused", e.Message);
            throw;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await AfterFailureAsync(source, copied, "failed", e.Message);
            throw new NodeExportException($"The import from {source} failed and nothing was written: {e.Message}", e);
        }
    }

    private async Task CheckSchemaAsync(ExportManifest manifest, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
        if (applied is null)
        {
            throw new NodeExportException("This node's database has no schema: run `migrate` first, then import.");
        }

        if (ExportManifest.MigrationName(applied) != ExportManifest.MigrationName(manifest.SchemaMigration))
        {
            throw new NodeExportException(
                $"The export has the schema of migration {manifest.SchemaMigration}; this node is at {applied}. Import into a node of the same release.");
        }

        var exported = manifest.Files.Where(f => f.Table is not null).Select(f => f.Table!).ToHashSet(StringComparer.Ordinal);
        var expected = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (!exported.SetEquals(expected))
        {
            throw new NodeExportException($"The export's tables differ from this node's: {string.Join(", ", exported.Except(expected).Concat(expected.Except(exported)).Order(StringComparer.Ordinal))}.");
        }
    }

    /// <summary>Refuses a node with records, then deletes the seeded rows that the export's own rows replace.</summary>
    private async Task<long> ClearSeedAsync(IReadOnlyList<ExportTable> tables, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var seeded = SeededTypes.Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToHashSet(StringComparer.Ordinal);
        var auditTable = db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()!;
        var busy = new List<string>();
        foreach (var table in tables.Where(t => !seeded.Contains(t.Name) && t.Name != auditTable))
        {
            if (await ScalarAsync(connection, transaction, $"SELECT COUNT(*) FROM (SELECT 1 FROM {sql.DelimitIdentifier(table.Name)} LIMIT 1) AS t", cancellationToken) > 0)
            {
                busy.Add(table.Name);
            }
        }

        if (busy.Count > 0)
        {
            throw new NodeExportException(
                $"This node is not empty: {string.Join(", ", busy.Order(StringComparer.Ordinal))} hold rows. Import only into a new node on which nothing but `migrate` has run.");
        }

        long deleted = 0;
        foreach (var table in tables.Reverse().Where(t => seeded.Contains(t.Name)))
        {
            deleted += await ExecuteAsync(connection, transaction, $"DELETE FROM {sql.DelimitIdentifier(table.Name)}", cancellationToken);
        }

        // The seeding's own trail describes rows that no longer exist; attempts to import stay on record.
        var kind = sql.DelimitIdentifier(db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.EntityType))!.GetColumnName());
        deleted += await ExecuteAsync(connection, transaction,
            $"DELETE FROM {sql.DelimitIdentifier(auditTable)} WHERE {kind} NOT IN ('{NodeExportAudit.Import}', '{NodeExportAudit.Export}')", cancellationToken);
        return deleted;
    }

    /// <summary>PostgreSQL identity columns go on from the highest imported value, not from 1.</summary>
    private async Task ResetSequencesAsync(IReadOnlyList<ExportTable> tables, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in tables.Where(t => t.PrimaryKey.Count == 1 && t.Column(t.PrimaryKey[0]).ValueType is var type && (type == typeof(int) || type == typeof(long))))
        {
            var name = sql.DelimitIdentifier(table.Name);
            var key = sql.DelimitIdentifier(table.PrimaryKey[0]);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT setval(s, (SELECT COALESCE(MAX({key}), 0) + 1 FROM {name}), false) FROM pg_get_serial_sequence('{name.Replace("'", "''", StringComparison.Ordinal)}', '{table.PrimaryKey[0]}') AS s WHERE s IS NOT NULL";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task CopyDocumentsAsync(string source, ExportManifest manifest, List<string> copied, CancellationToken cancellationToken)
    {
        var store = options.Value.DocumentsPath;
        foreach (var file in manifest.Files.Where(f => f.Path.StartsWith(NodeExporter.DocumentsFolder + "/", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(store);
            var name = Path.GetFileName(file.Path);
            var target = Path.Combine(store, name);
            if (File.Exists(target))
            {
                if ((await NodeExporter.DescribeAsync(store, name, null, null, cancellationToken)).Sha256 == file.Sha256)
                {
                    continue;
                }

                throw new NodeExportException($"The document store already holds a different file named {name}.");
            }

            File.Copy(Path.Combine(source, file.Path), target);
            copied.Add(target);
        }
    }

    private async Task AfterFailureAsync(string source, List<string> copied, string outcome, string message)
    {
        foreach (var file in copied)
        {
            File.Delete(file);
        }

        await audit.RecordAsync(NodeExportAudit.Import, source, outcome, message, null, CancellationToken.None);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string text, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string text, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        command.CommandText = text;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
