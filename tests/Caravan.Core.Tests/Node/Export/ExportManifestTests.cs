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
}
