using Caravan.Core.Identity;

namespace Caravan.Core.Tests.Identity;

public class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_key_is_active_until_it_expires() =>
        Key(expires: Now.AddDays(1)).IsActive(Now).ShouldBeTrue();

    [Fact]
    public void An_expired_key_is_not_active() =>
        Key(expires: Now.AddSeconds(-1)).IsActive(Now).ShouldBeFalse();

    [Fact]
    public void A_revoked_key_is_not_active_even_before_expiry() =>
        Key(expires: Now.AddDays(1), revoked: Now.AddHours(-1)).IsActive(Now).ShouldBeFalse();

    [Fact]
    public void The_stored_hash_is_not_the_secret_and_is_stable()
    {
        var hash = ApiKeyService.Hash("cvn_secret");
        hash.ShouldNotContain("secret");
        hash.Length.ShouldBe(64);
        ApiKeyService.Hash("cvn_secret").ShouldBe(hash);
        ApiKeyService.Hash("cvn_secreT").ShouldNotBe(hash);
    }

    private static ApiKey Key(DateTime? expires, DateTime? revoked = null) => new()
    {
        Name = "test",
        Prefix = "cvn_abc",
        SecretHash = "x",
        CreatedAt = Now.AddDays(-10),
        ExpiresAt = expires,
        RevokedAt = revoked,
    };
}
