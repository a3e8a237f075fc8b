using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Caravan.Core.Node.Export;

/// <summary>
/// Checks an export folder before anything is written: the manifest opens with this node's key ring, and the files on
/// disk are exactly the files it lists, each with its SHA-256. The key ring folder, when exported, is not checked.
/// </summary>
public static class ExportVerifier
{
    public static async Task<ExportManifest> VerifyAsync(string folder, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protection);
        if (!Directory.Exists(folder))
        {
            throw new NodeExportException($"{folder} is not a folder.");
        }

        var manifestPath = Path.Combine(folder, ExportManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new NodeExportException($"{folder} has no {ExportManifest.FileName}: it is not a Caravan node export.");
        }

        ExportManifest? manifest;
        try
        {
            manifest = ExportManifest.FromJson(await File.ReadAllBytesAsync(manifestPath, cancellationToken));
        }
        catch (JsonException e)
        {
            throw new NodeExportException($"{ExportManifest.FileName} is not a valid manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Format != ExportManifest.CurrentFormat)
        {
            throw new NodeExportException($"{ExportManifest.FileName} is not a manifest of format {ExportManifest.CurrentFormat}.");
        }

        if (!manifest.IsAuthentic(protection))
        {
            throw new NodeExportException(
                $"{ExportManifest.FileName} failed its authentication: it was changed after the export, or this node does not have the exporting node's key ring (copy the keys into DataProtection:KeysPath first).");
        }

        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var path in listed.Keys.Where(p => Path.IsPathRooted(p) || p.Split('/').Any(s => s is "" or "." or "..")))
        {
            throw new NodeExportException($"{ExportManifest.FileName} lists an unsafe path: {path}.");
        }

        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => p != ExportManifest.FileName && !p.StartsWith(NodeExporter.KeyRingFolder + "/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var missing = listed.Keys.Where(p => !present.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new NodeExportException($"The export is incomplete: {string.Join(", ", missing)} listed in the manifest is missing.");
        }

        var extra = present.Where(p => !listed.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            throw new NodeExportException($"The export holds files its manifest does not list: {string.Join(", ", extra)}.");
        }

        foreach (var file in manifest.Files)
        {
            var actual = await NodeExporter.DescribeAsync(folder, file.Path, null, null, cancellationToken);
            if (actual.Sha256 != file.Sha256 || actual.Bytes != file.Bytes)
            {
                throw new NodeExportException($"{file.Path} was changed after the export: its SHA-256 differs from the manifest's.");
            }
        }

        return manifest;
    }
}
