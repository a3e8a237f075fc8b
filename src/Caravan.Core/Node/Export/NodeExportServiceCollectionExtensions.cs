using Caravan.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Node.Export;

public static class NodeExportServiceCollectionExtensions
{
    /// <summary>
    /// The full export and restore of a node (vendor exit). <paramref name="keysPath"/> is the resolved key ring folder;
    /// relative document store paths are taken from <paramref name="contentRoot"/>, as the store itself does.
    /// </summary>
    public static IServiceCollection AddNodeExport(this IServiceCollection services, string keysPath, string contentRoot)
    {
        services.AddSingleton<IExportFiles, ExportFiles>();
        services.AddOptions<NodeExportOptions>().Configure<IOptions<DocumentStoreOptions>>((o, documents) =>
        {
            o.KeysPath = keysPath;
            o.DocumentsPath = Path.IsPathRooted(documents.Value.Path) ? documents.Value.Path : Path.Combine(contentRoot, documents.Value.Path);
        });
        services.AddScoped<NodeExportAudit>();
        services.AddScoped<NodeExporter>();
        services.AddScoped<NodeImporter>();
        return services;
    }
}
