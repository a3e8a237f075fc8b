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
    public void The_lookup_key_is_created_once_and_then_reused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "caravan-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = SensitiveData.LoadOrCreateLookupKey(dir);
            first.Length.ShouldBe(32);
            SensitiveData.LoadOrCreateLookupKey(dir).ShouldBe(first);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
