using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caravan.Core.Node.Export;

/// <summary>
/// The tables of a node as the EF model maps them, with Frictionless field types, in an order that inserts every
/// principal before its dependants. Hangfire's tables are not in the model (transient job state) and are not exported.
/// </summary>
public static class TableSchemas
{
    public static IReadOnlyList<ExportTable> Build(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tables = new List<ExportTable>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            if (table.Schema is not null)
            {
                throw new NotSupportedException($"Table {table.Schema}.{table.Name} is in a schema; the export only knows the default one.");
            }

            var primaryKey = table.PrimaryKey ?? throw new NotSupportedException($"Table {table.Name} has no primary key.");
            var keyColumns = primaryKey.Columns.Select(c => c.Name).ToList();
            var columns = primaryKey.Columns.Concat(table.Columns.Where(c => !keyColumns.Contains(c.Name)))
                .Select(c => Describe(table, c)).ToList();
            var foreignKeys = table.ForeignKeyConstraints
                .Select(f => new ExportForeignKey([.. f.Columns.Select(c => c.Name)], f.PrincipalTable.Name, [.. f.PrincipalColumns.Select(c => c.Name)]))
                .OrderBy(f => string.Join(',', f.Columns), StringComparer.Ordinal)
                .ToList();
            var described = new ExportTable(table.Name, columns, keyColumns, foreignKeys);
            var required = described.SelfReferences.Where(c => !described.Column(c).Nullable).ToList();
            if (required.Count > 0)
            {
                throw new NotSupportedException($"Table {table.Name} refers to itself through a required column ({string.Join(", ", required)}).");
            }

            tables.Add(described);
        }

        return Order(tables);
    }

    /// <summary>Principals before dependants (Kahn's algorithm, ties by name so the order is stable).</summary>
    private static List<ExportTable> Order(List<ExportTable> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var waiting = tables.ToDictionary(t => t.Name,
            t => t.ForeignKeys.Select(f => f.PrincipalTable).Where(p => p != t.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var ready = new SortedSet<string>(waiting.Where(w => w.Value.Count == 0).Select(w => w.Key), StringComparer.Ordinal);
        var ordered = new List<ExportTable>(tables.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            waiting.Remove(next);
            ordered.Add(byName[next]);
            foreach (var (name, principals) in waiting)
            {
                if (principals.Remove(next) && principals.Count == 0)
                {
                    ready.Add(name);
                }
            }
        }

        return waiting.Count == 0
            ? ordered
            : throw new NotSupportedException($"Tables refer to each other in a cycle: {string.Join(", ", waiting.Keys.Order(StringComparer.Ordinal))}.");
    }

    private static ExportColumn Describe(ITable table, IColumn column)
    {
        var mapping = column.PropertyMappings.Count > 0 ? column.PropertyMappings[0] : null;
        if (mapping is null)
        {
            // The container column of an owned type mapped to JSON (a person's languages, a departure's costs).
            var collection = table.EntityTypeMappings.Select(m => m.TypeBase).OfType<IEntityType>()
                .SelectMany(e => e.GetNavigations())
                .Any(n => n.IsCollection && n.TargetEntityType.IsMappedToJson() && n.TargetEntityType.GetContainerColumnName() == column.Name);
            return new ExportColumn(column.Name, column.IsNullable, ColumnKind.Json, column.StoreTypeMapping, typeof(string), typeof(string),
                collection ? "array" : "object", null);
        }

        var typeMapping = mapping.TypeMapping;
        var provider = typeMapping.Converter?.ProviderClrType ?? typeMapping.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        if (mapping.Property.IsPrimitiveCollection)
        {
            return new ExportColumn(column.Name, column.IsNullable, ColumnKind.Collection, typeMapping, provider, mapping.Property.ClrType, "array", null);
        }

        var (type, format) = Frictionless(provider);
        return new ExportColumn(column.Name, column.IsNullable, ColumnKind.Scalar, typeMapping, provider, mapping.Property.ClrType, type, format);
    }

    private static (string Type, string? Format) Frictionless(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(char) => ("string", null),
        _ when type == typeof(Guid) => ("string", "uuid"),
        _ when type == typeof(bool) => ("boolean", null),
        _ when type.IsEnum || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(sbyte) || type == typeof(uint) || type == typeof(ushort) || type == typeof(ulong) => ("integer", null),
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => ("number", null),
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => ("datetime", null),
        _ when type == typeof(DateOnly) => ("date", null),
        _ when type == typeof(TimeOnly) => ("time", null),
        _ when type == typeof(TimeSpan) => ("duration", null),
        _ when type == typeof(byte[]) => ("string", "binary"),
        _ => throw new NotSupportedException($"No export format for values of type {type}."),
    };
}
