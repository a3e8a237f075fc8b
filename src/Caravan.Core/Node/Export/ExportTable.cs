using Microsoft.EntityFrameworkCore.Storage;

namespace Caravan.Core.Node.Export;

/// <summary>How a column's values become canonical text: one scalar, a primitive collection, or a JSON document.</summary>
public enum ColumnKind
{
    Scalar,
    Collection,
    Json,
}

/// <summary>One column of an exported table, with the EF type mapping that reads and writes it on this node's engine.</summary>
public sealed record ExportColumn(
    string Name,
    bool Nullable,
    ColumnKind Kind,
    RelationalTypeMapping Mapping,
    Type ValueType,
    Type ModelType,
    string FrictionlessType,
    string? FrictionlessFormat);

/// <summary>A foreign key of an exported table, for the schema and for the order of inserts.</summary>
public sealed record ExportForeignKey(IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns);

/// <summary>One table of the node as it is exported: its columns, keys and the tables it depends on.</summary>
public sealed record ExportTable(
    string Name,
    IReadOnlyList<ExportColumn> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ExportForeignKey> ForeignKeys)
{
    /// <summary>The file of this table inside an export folder.</summary>
    public string FileName => $"data/{Name}.csv";

    /// <summary>Columns of foreign keys that point back at this table (a person merged into another person).</summary>
    public IReadOnlyList<string> SelfReferences =>
        [.. ForeignKeys.Where(f => f.PrincipalTable == Name).SelectMany(f => f.Columns).Distinct(StringComparer.Ordinal)];

    public ExportColumn Column(string name) => Columns.Single(c => c.Name == name);
}
