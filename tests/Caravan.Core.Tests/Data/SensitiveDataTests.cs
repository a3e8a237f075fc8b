using Caravan.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Caravan.Core.Tests.Data;

public class SensitiveDataTests
{
    private static SensitiveData Create(byte[]? key = null) =>
        new(new EphemeralDataProtectionProvider(), key ?? Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_document_number_round_trips_but_is_not_in_its_cipher()
    {
        var sensitive = Create();
        var cipher = sensitive.Protect("FA1234567");
        cipher.ShouldNotContain("1234567");
        sensitive.Unprotect(cipher).ShouldBe("FA1234567");
        // Two protections of the same value differ, so equal ciphers do not reveal equal numbers.
        sensitive.Protect("FA1234567").ShouldNotBe(cipher);
    }

    [Fact]
    public void Values_protected_under_a_key_made_with_the_old_algorithm_stay_readable_after_the_switch_to_gcm()
    {
        var ring = Directory.CreateTempSubdirectory("caravan-keys-");
        try
        {
            var lookup = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
            // A node from before the switch: Data Protection's default algorithm (AES-256-CBC + HMAC-SHA256).
            var before = new SensitiveData(DataProtectionProvider.Create(ring, b => b.SetApplicationName("Caravan")), lookup);
            var old = before.Protect("FA1234567");
            using (var key = ring.GetFiles("key-*.xml").Single().OpenText())
            {
                key.ReadToEnd().ShouldContain("AES_256_CBC");
            }

            // The same key ring with the node's algorithm: the old key still decrypts, and a new key uses GCM.
            var after = new SensitiveData(DataProtectionProvider.Create(ring, b => b.SetApplicationName("Caravan").UseCryptographicAlgorithms(SensitiveData.Algorithms)), lookup);
            after.Unprotect(old).ShouldBe("FA1234567");
            var fresh = Directory.CreateTempSubdirectory("caravan-keys-");
            try
            {
                var gcm = new SensitiveData(DataProtectionProvider.Create(fresh, b => b.SetApplicationName("Caravan").UseCryptographicAlgorithms(SensitiveData.Algorithms)), lookup);
                var cipher = gcm.Protect("FA1234567");
                gcm.Unprotect(cipher).ShouldBe("FA1234567");
                cipher.ShouldNotContain("1234567");
                using var key = fresh.GetFiles("key-*.xml").Single().OpenText();
                key.ReadToEnd().ShouldContain("AES_256_GCM");
            }
            finally
            {
                fresh.Delete(recursive: true);
            }
        }
        finally
        {
            ring.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_lookup_hash_folds_typing_and_depends_on_the_nodes_key()
    {
        var sensitive = Create();
        sensitive.LookupHash("fa 123-4567").ShouldBe(sensitive.LookupHash("FA1234567"));
        sensitive.LookupHash("FA1234568").ShouldNotBe(sensitive.LookupHash("FA1234567"));
        Create(Enumerable.Repeat((byte)7, 32).ToArray()).LookupHash("FA1234567").ShouldNotBe(sensitive.LookupHash("FA1234567"));
        Should.Throw<ArgumentException>(() => Create(new byte[16]));
    }

    [Fact]
    public void The_mask_shows_only_the_last_two_characters()
    {
        SensitiveData.Mask("FA 1234567").ShouldBe("•••••••67");
        SensitiveData.Mask("A1").ShouldBe("••");
    }

    [Fact]
    public void The_lookup_key_is_created_once_then_reused_and_is_kept_protected_by_the_key_ring()
    {
        var dir = Path.Combine(Path.GetTempPath(), "caravan-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ring = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dir, "ring")), b => b.SetApplicationName("Caravan"));
            var first = SensitiveData.LoadOrCreateLookupKey(dir, ring);
            first.Length.ShouldBe(32);
            SensitiveData.LoadOrCreateLookupKey(dir, ring).ShouldBe(first);
            var stored = Convert.FromBase64String(File.ReadAllText(Path.Combine(dir, SensitiveData.LookupKeyFile)));
            stored.Length.ShouldBeGreaterThan(32);
            Convert.ToHexString(stored).ShouldNotContain(Convert.ToHexString(first));

            // Another key ring (a copy of the folder without the node's keys) cannot read it.
            var other = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dir, "other")), b => b.SetApplicationName("Caravan"));
            Should.Throw<System.Security.Cryptography.CryptographicException>(() => SensitiveData.LoadOrCreateLookupKey(dir, other));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_lookup_key_written_in_clear_by_an_older_version_is_kept_and_wrapped_in_place()
    {
        var dir = Path.Combine(Path.GetTempPath(), "caravan-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            var legacy = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var file = Path.Combine(dir, SensitiveData.LookupKeyFile);
            File.WriteAllText(file, Convert.ToBase64String(legacy));
            var ring = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dir, "ring")), b => b.SetApplicationName("Caravan"));

            SensitiveData.LoadOrCreateLookupKey(dir, ring).ShouldBe(legacy);
            File.ReadAllText(file).ShouldNotBe(Convert.ToBase64String(legacy));
            Convert.FromBase64String(File.ReadAllText(file)).Length.ShouldBeGreaterThan(32);
            SensitiveData.LoadOrCreateLookupKey(dir, ring).ShouldBe(legacy);
            Directory.GetFiles(dir, "*.tmp").ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
