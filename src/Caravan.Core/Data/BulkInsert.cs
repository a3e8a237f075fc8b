using System.Data;
using System.Data.Common;
using System.Globalization;
using Caravan.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Caravan.Core.Data;

/// <summary>
/// Adds many new rows without change tracking: PostgreSQL's binary COPY, or one prepared INSERT on SQLite, inside the
/// caller's transaction. Each row gets the audit entry and the version stamp SaveChanges would give it, so a bulk write
/// leaves the same trail as a form. Columns come from the EF model, so a column added to an entity is never skipped.
/// </summary>
/// <remarks>
/// Tracking ten thousand entities cost most of a bulk upload's time and memory (docs/performance.md, issue 15).
/// Only for inserts of entities whose keys are set in code; nothing here updates or deletes.
/// </remarks>
public sealed class BulkInsert(CaravanDbContext db, IAuditActor actor, TimeProvider time)
{
    /// <summary>Inserts the rows and their audit entries. Call inside a transaction the caller commits.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk insert must run inside the caller's transaction, so that rows and audit entries commit together.");
        }

        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            if (row is IVersioned versioned)
            {
                versioned.Version = Guid.NewGuid();
            }
        }

        // The audit text is built on another thread while the database takes the rows: both take about as long, and
        // the database is another process (docs/performance.md, issue 15). Building only reads the rows' audited
        // properties, which the writer does not change.
        var (name, role, kind) = (actor.Name, actor.Role, actor.Kind);
        var building = Task.Run(() => rows.Select(row => AuditChanges.Created(type, row, name, role, kind, now)).ToList(), cancellationToken);
        try
        {
            await WriteAsync(type, rows, cancellationToken);
        }
        finally
        {
            // Never leave the builder running past this call, whatever the write did.
            await Task.WhenAny(building);
        }

        await WriteAsync(db.Model.FindEntityType(typeof(AuditEntry))!, await building, cancellationToken);
    }

    private async Task WriteAsync<T>(IEntityType type, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties()
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping()))
            .ToList();
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table, columns, rows, cancellationToken);
        }
        else
        {
            await InsertEachAsync(connection, table, columns, rows, cancellationToken);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, StoreObjectIdentifier table, List<(IProperty Property, string Name, RelationalTypeMapping Mapping)> columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var target = Quote(table.Name, '"', table.Schema);
        var list = string.Join(", ", columns.Select(c => "\"" + c.Name + "\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var (property, _, mapping) in columns)
            {
                var value = ProviderValue(property, mapping, row);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    // The store type without its facets ("character varying(200)" → "character varying") names the wire format.
                    await writer.WriteAsync(value, mapping.StoreTypeNameBase, cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private async Task InsertEachAsync<T>(DbConnection connection, StoreObjectIdentifier table, List<(IProperty Property, string Name, RelationalTypeMapping Mapping)> columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"INSERT INTO {Quote(table.Name, '"', table.Schema)} ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var (property, _, mapping) = columns[i];
                // The type mapping makes the parameter exactly as SaveChanges would (a Guid as upper-case text on SQLite, and so on).
                command.Parameters.Add(mapping.CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), Value(property, row), property.IsNullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // EF's compiled getter, not reflection: a bulk upload reads 30 properties of 10,000 rows, twice.
    internal static object? Value(IProperty property, object row) =>
        property.IsShadowProperty()
            ? throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; a bulk insert cannot set it.")
            : property.GetGetter().GetClrValueUsingContainingEntity(row);

    private static object? ProviderValue(IProperty property, RelationalTypeMapping mapping, object row)
    {
        var value = Value(property, row);
        var converter = mapping.Converter ?? property.GetValueConverter();
        return value switch
        {
            null => null,
            _ when converter is not null => converter.ConvertToProvider(value),
            Enum e => Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    private static string Quote(string name, char quote, string? schema) =>
        (schema is null ? string.Empty : quote + schema + quote + ".") + quote + name + quote;
}
