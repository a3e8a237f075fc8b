using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Caravan.Core.Node.Export;

/// <summary>One file of an export: its path inside the folder, SHA-256 and size; a table's file also says its rows.</summary>
public sealed record ManifestFile(string Path, string Sha256, long Bytes, string? Table = null, long? Rows = null);

/// <summary>
/// <c>manifest.json</c>: what an export holds and where it came from. Its SHA-256 is protected with the node's Data
/// Protection key ring (purpose <see cref="Purpose"/>), so an edited file list, or a manifest made without the keys,
/// is refused on import; the import therefore needs the same key ring as the export.
/// </summary>
public sealed record ExportManifest
{
    public const string FileName = "manifest.json";
    public const string Purpose = "Caravan.NodeExport.Manifest";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int Format { get; init; } = CurrentFormat;
    public required string Country { get; init; }
    public required string Provider { get; init; }

    /// <summary>The last migration applied to the exporting node, e.g. <c>20261205013937_ImportedDatasets</c>.</summary>
    public required string SchemaMigration { get; init; }
    public required DateTime ExportedAt { get; init; }
    public bool KeyRingIncluded { get; init; }
    public required IReadOnlyList<ManifestFile> Files { get; init; }

    /// <summary>The manifest's SHA-256 (with this field empty), protected by the key ring.</summary>
    public string? ProtectedDigest { get; init; }

    /// <summary>The migration's name without its timestamp, which differs between the SQLite and PostgreSQL sets.</summary>
    public static string MigrationName(string migrationId)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        var underscore = migrationId.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && migrationId[..underscore].All(char.IsAsciiDigit) ? migrationId[(underscore + 1)..] : migrationId;
    }

    public ExportManifest Seal(IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(protection);
        return this with { ProtectedDigest = protection.CreateProtector(Purpose).Protect(Digest()) };
    }

    /// <summary>Whether the protected digest opens with this node's key ring and matches the manifest as read.</summary>
    public bool IsAuthentic(IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(protection);
        if (string.IsNullOrEmpty(ProtectedDigest))
        {
            return false;
        }

        string expected;
        try
        {
            expected = protection.CreateProtector(Purpose).Unprotect(ProtectedDigest);
        }
        catch (CryptographicException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Digest()));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Indented);

    public static ExportManifest? FromJson(byte[] json) => JsonSerializer.Deserialize<ExportManifest>(json, Compact);

    private string Digest() =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this with { ProtectedDigest = null }, Compact)));
}
