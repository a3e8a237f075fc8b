using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caravan.Core.Node.Export;

/// <summary>
/// <c>datapackage.json</c>: a Frictionless tabular data package with one resource per table and its JSON Table Schema
/// (field types, required fields, primary and foreign keys), so the export can be read without Caravan.
/// </summary>
public static class DataPackage
{
    public const string FileName = "datapackage.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static byte[] Write(string country, DateTime exportedAt, IReadOnlyList<ExportTable> tables, IReadOnlyDictionary<string, ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(files);
        var names = tables.ToDictionary(t => t.Name, ResourceName, StringComparer.Ordinal);
        if (names.Values.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new NotSupportedException("Two tables have the same lowercase name; Frictionless resource names would collide.");
        }

        var resources = new JsonArray();
        foreach (var table in tables)
        {
            var file = files[table.Name];
            var fields = new JsonArray();
            foreach (var column in table.Columns)
            {
                var field = new JsonObject { ["name"] = column.Name, ["type"] = column.FrictionlessType };
                if (column.FrictionlessFormat is { } format)
                {
                    field["format"] = format;
                }

                if (!column.Nullable)
                {
                    field["constraints"] = new JsonObject { ["required"] = true };
                }

                fields.Add(field);
            }

            var schema = new JsonObject
            {
                ["fields"] = fields,
                ["missingValues"] = new JsonArray(ColumnValues.Null),
                ["primaryKey"] = new JsonArray([.. table.PrimaryKey.Select(k => (JsonNode)k)]),
            };
            if (table.ForeignKeys.Count > 0)
            {
                schema["foreignKeys"] = new JsonArray([.. table.ForeignKeys.Select(f => (JsonNode)new JsonObject
                {
                    ["fields"] = new JsonArray([.. f.Columns.Select(c => (JsonNode)c)]),
                    ["reference"] = new JsonObject
                    {
                        // An empty resource name is the Frictionless way to say "this same table".
                        ["resource"] = f.PrincipalTable == table.Name ? string.Empty : names[f.PrincipalTable],
                        ["fields"] = new JsonArray([.. f.PrincipalColumns.Select(c => (JsonNode)c)]),
                    },
                })]);
            }

            resources.Add(new JsonObject
            {
                ["name"] = names[table.Name],
                ["title"] = table.Name,
                ["path"] = table.FileName,
                ["profile"] = "tabular-data-resource",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["bytes"] = file.Bytes,
                ["hash"] = "sha256:" + file.Sha256,
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["lineTerminator"] = "\r\n", ["quoteChar"] = "\"", ["header"] = true },
                ["schema"] = schema,
            });
        }

        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = $"caravan-node-{country.ToLowerInvariant()}",
            ["title"] = $"Caravan node {country}: every table, history and audit trail included",
            ["created"] = exportedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["resources"] = resources,
        };
        return JsonSerializer.SerializeToUtf8Bytes(package, Indented);
    }

    /// <summary>Frictionless names are lowercase (<c>^[-a-z0-9._/]+$</c>); the table's own name is kept as the title.</summary>
    public static string ResourceName(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Name.ToLowerInvariant();
    }
}
