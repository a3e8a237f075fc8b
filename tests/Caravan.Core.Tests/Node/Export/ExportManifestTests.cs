using Caravan.Core.Node.Export;
using Microsoft.AspNetCore.DataProtection;

namespace Caravan.Core.Tests.Node.Export;

public class ExportManifestTests
{
    private static ExportManifest Manifest() => new()
    {
        Country = "UZ",
        Provider = "Sqlite",
        SchemaMigration = "20261205013937_ImportedDatasets",
        ExportedAt = new DateTime(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc),
        Files = [new ManifestFile("data/person.csv", new string('a', 64), 120, "person", 1)],
    };

    [Fact]
    public void A_sealed_manifest_opens_with_its_key_ring_after_a_trip_through_its_file()
    {
        var keys = new EphemeralDataProtectionProvider();
        var sealed_ = Manifest().Seal(keys);

        ExportManifest.FromJson(sealed_.ToJson())!.IsAuthentic(keys).ShouldBeTrue();
    }

    [Fact]
    public void A_changed_field_an_unsealed_manifest_or_another_key_ring_fails_authentication()
    {
        var keys = new EphemeralDataProtectionProvider();
        var sealed_ = Manifest().Seal(keys);

        (sealed_ with { Files = [sealed_.Files[0] with { Rows = 2 }] }).IsAuthentic(keys).ShouldBeFalse();
        (sealed_ with { Country = "KZ" }).IsAuthentic(keys).ShouldBeFalse();
        Manifest().IsAuthentic(keys).ShouldBeFalse();
        (sealed_ with { ProtectedDigest = "not a protected payload" }).IsAuthentic(keys).ShouldBeFalse();
        sealed_.IsAuthentic(new EphemeralDataProtectionProvider()).ShouldBeFalse();
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("data/../../outside.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("data//person.csv")]
    [InlineData("./data/person.csv")]
    [InlineData("data/./person.csv")]
    public async Task An_authentic_manifest_that_lists_a_path_leaving_the_export_folder_is_refused_before_any_file_is_read(string path)
    {
        // ASVS 5.3.2: even a manifest sealed with this node's key ring does not choose where import-node reads.
        var keys = new EphemeralDataProtectionProvider();
        var root = Directory.CreateTempSubdirectory("caravan-manifest-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "export")).FullName;
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "outside.csv"), "id\n1\n");
            var manifest = (Manifest() with { Files = [new ManifestFile(path, new string('a', 64), 6, "person", 1)] }).Seal(keys);
            manifest.IsAuthentic(keys).ShouldBeTrue();
            await File.WriteAllBytesAsync(Path.Combine(folder, ExportManifest.FileName), manifest.ToJson());

            var refused = await Should.ThrowAsync<NodeExportException>(() => ExportVerifier.VerifyAsync(folder, keys, CancellationToken.None));
            refused.Message.ShouldBe($"{ExportManifest.FileName} lists an unsafe path: {path}.");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
