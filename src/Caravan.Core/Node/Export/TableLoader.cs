using System.Data.Common;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caravan.Core.Node.Export;

/// <summary>
/// Loads one exported CSV file into its table with batched, parameterised INSERTs on the import's transaction. Values
/// are bound through the target engine's EF type mappings, so they are stored exactly as EF would store them.
/// A row that points at another row of the same table is inserted without that link, which is restored afterwards.
/// </summary>
public sealed class TableLoader(DbConnection connection, DbTransaction transaction, ISqlGenerationHelper sql)
{
    // PostgreSQL takes up to 65,535 parameters a statement. SQLite binds each parameter by a linear search of the
    // statement's names, so a large statement costs the square of its parameters there: its batches stay small and
    // the one prepared statement is reused, which is SQLite's fast path.
    private const int MaxRows = 1_000;

    private readonly int maxParameters = connection is Microsoft.Data.Sqlite.SqliteConnection ? 200 : 30_000;

    private readonly List<(ExportTable Table, object?[] Key, string Column, object? Value)> links = [];

    public async Task<long> LoadAsync(ExportTable table, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvParser(reader, NodeExporter.Csv);
        if (!await parser.ReadAsync())
        {
            throw new NodeExportException($"{table.FileName} has no header row.");
        }

        var header = parser.Record!;
        var expected = table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        if (!header.Order(StringComparer.Ordinal).SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new NodeExportException(
                $"{table.FileName} has the columns {string.Join(", ", header)}; this node's table {table.Name} has {string.Join(", ", expected)}.");
        }

        var columns = header.Select(table.Column).ToArray();
        var selfReferences = table.SelfReferences.ToHashSet(StringComparer.Ordinal);
        var keyAt = table.PrimaryKey.Select(k => Array.FindIndex(columns, c => c.Name == k)).ToArray();
        var perBatch = Math.Clamp(maxParameters / columns.Length, 1, MaxRows);
        var batch = new List<object?[]>(perBatch);
        await using var full = Command(table, columns, perBatch);
        long rows = 0;
        while (await parser.ReadAsync())
        {
            var record = parser.Record!;
            if (record.Length != columns.Length)
            {
                throw new NodeExportException($"{table.FileName} row {rows + 1} has {record.Length} fields, not {columns.Length}.");
            }

            var values = new object?[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                try
                {
                    values[i] = ColumnValues.Parse(record[i], columns[i]);
                }
                catch (Exception e) when (e is FormatException or OverflowException or System.Text.Json.JsonException)
                {
                    throw new NodeExportException($"{table.FileName} row {rows + 1}, column {columns[i].Name}: {e.Message}", e);
                }

                if (values[i] is not null && selfReferences.Contains(columns[i].Name))
                {
                    links.Add((table, keyAt.Select(k => values[k]).ToArray(), columns[i].Name, values[i]));
                    values[i] = null;
                }
            }

            batch.Add(values);
            rows++;
            if (batch.Count == perBatch)
            {
                await InsertAsync(full, columns, batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await using var last = Command(table, columns, batch.Count);
            await InsertAsync(last, columns, batch, cancellationToken);
        }

        return rows;
    }

    /// <summary>Restores the links between rows of one table that <see cref="LoadAsync"/> held back.</summary>
    public async Task LinkAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, key, column, value) in links)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var target = table.Column(column);
            command.Parameters.Add(target.Mapping.CreateParameter(command, "@v", value, target.Nullable));
            var where = new List<string>();
            for (var i = 0; i < key.Length; i++)
            {
                var keyColumn = table.Column(table.PrimaryKey[i]);
                command.Parameters.Add(keyColumn.Mapping.CreateParameter(command, $"@k{i}", key[i], false));
                where.Add($"{sql.DelimitIdentifier(keyColumn.Name)} = @k{i}");
            }

            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name)} SET {sql.DelimitIdentifier(column)} = @v WHERE {string.Join(" AND ", where)}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private DbCommand Command(ExportTable table, ExportColumn[] columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        var text = new StringBuilder()
            .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var i = 0; i < columns.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(ParameterName((r * columns.Length) + i));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }

    private static async Task InsertAsync(DbCommand command, ExportColumn[] columns, List<object?[]> rows, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, ParameterName((r * columns.Length) + i), rows[r][i], columns[i].Nullable));
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ParameterName(int n) => string.Create(CultureInfo.InvariantCulture, $"@p{n}");
}
