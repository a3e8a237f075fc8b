using Caravan.Core.Exchange;

namespace Caravan.Core.Tests.Exchange;

/// <summary>The agreed passport hash must come out the same on both nodes, however each officer typed the number.</summary>
public class PassportHashesTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void The_hash_matches_the_published_recipe()
    {
        // HMAC-SHA256(key, "caravan-passport-v1\n" + "AB123456"), base64url without padding, as docs/exchange.md
        // gives it for a partner that does not run Caravan; computed with Python's hmac module.
        PassportHashes.Compute(Key, "AB123456").ShouldBe("vvFFCFt6GJxYXOEyRKv6VYXGAc41kmKI9ctBSMwi6ks");
    }

    [Theory]
    [InlineData("ab 123 456")]
    [InlineData("AB-123-456")]
    [InlineData(" Ab123456 ")]
    public void Spaces_dashes_and_case_do_not_change_the_hash(string typed) =>
        PassportHashes.Compute(Key, typed).ShouldBe(PassportHashes.Compute(Key, "AB123456"));

    [Fact]
    public void Another_key_or_number_gives_another_hash()
    {
        var other = PassportHashes.ParseKey(PassportHashes.NewKey())!;
        PassportHashes.Compute(other, "AB123456").ShouldNotBe(PassportHashes.Compute(Key, "AB123456"));
        PassportHashes.Compute(Key, "AB123457").ShouldNotBe(PassportHashes.Compute(Key, "AB123456"));
    }

    [Fact]
    public void A_key_is_read_as_pasted_and_anything_else_is_refused()
    {
        PassportHashes.ParseKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").ShouldBe(Key);
        // Standard base64 with padding, and a line break from an e-mail client, read the same.
        PassportHashes.ParseKey(Convert.ToBase64String(Key)).ShouldBe(Key);
        PassportHashes.ParseKey("AAECAwQFBgcICQoLDA0ODxAR\nEhMUFRYXGBkaGxwdHh8").ShouldBe(Key);
        PassportHashes.NewKey().Length.ShouldBe(43);
        PassportHashes.ParseKey(PassportHashes.NewKey())!.Length.ShouldBe(32);
        PassportHashes.ParseKey(null).ShouldBeNull();
        PassportHashes.ParseKey("").ShouldBeNull();
        PassportHashes.ParseKey("not a key!").ShouldBeNull();
        PassportHashes.ParseKey(Convert.ToBase64String(new byte[16])).ShouldBeNull();
    }
}
