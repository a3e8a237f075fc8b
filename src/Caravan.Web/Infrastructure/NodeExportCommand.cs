using System.Globalization;
using Caravan.Core.Node.Export;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// <c>export-node DIR [--include-keys]</c> writes every table of the node to a new folder (docs/operations.md);
/// <c>import-node DIR</c> restores such a folder into an empty node that has the exporting node's key ring.
/// </summary>
public static class NodeExportCommand
{
    public const string Export = "export-node";
    public const string Import = "import-node";
    public const string IncludeKeys = "--include-keys";

    public static readonly IReadOnlyList<string> Verbs = [Export, Import];

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var verb = Verbs.First(v => args.Contains(v, StringComparer.Ordinal));
        var at = args.ToList().IndexOf(verb);
        if (at + 1 >= args.Count || args[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync(verb == Export
                ? $"usage: {Export} DIR [{IncludeKeys}] (DIR must not exist yet, or be empty)"
                : $"usage: {Import} DIR (a folder written by {Export}; this node must be empty and hold the exporting node's key ring)");
            return 2;
        }

        var folder = args[at + 1];
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        try
        {
            if (verb == Export)
            {
                var includeKeys = args.Contains(IncludeKeys, StringComparer.Ordinal);
                var result = await sp.GetRequiredService<NodeExporter>().ExportAsync(folder, includeKeys);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Exported {result.Tables} tables, {result.Rows:N0} rows and {result.Documents} documents to {result.Folder}"));
                Console.WriteLine("Sensitive columns are exported as stored, encrypted; reading them needs this node's key ring.");
                if (result.KeyRingIncluded)
                {
                    Console.WriteLine();
                    Console.WriteLine("!!! WARNING: THE KEY RING IS IN " + Path.Combine(result.Folder, NodeExporter.KeyRingFolder) + " !!!");
                    Console.WriteLine("!!! With it, anyone holding this export can decrypt every passport number and case narrative.");
                    Console.WriteLine("!!! Move that folder to separate, protected storage now, and never send it with the data.");
                }

                return 0;
            }

            var imported = await sp.GetRequiredService<NodeImporter>().ImportAsync(folder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {imported.Tables} tables, {imported.Rows:N0} rows and {imported.Documents} documents from {imported.Folder}; {imported.SeedRowsReplaced:N0} seeded rows replaced"));
            return 0;
        }
        catch (NodeExportException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
