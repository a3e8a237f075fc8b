using Caravan.Core.Identity;

namespace Caravan.Core.Tests.Identity;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("+998901234567", true)]
    [InlineData("+77011234567", true)]
    [InlineData("998901234567", false)]
    [InlineData("+0998901234567", false)]
    [InlineData("+99890", false)]
    [InlineData("+9989012345678901", false)]
    [InlineData("+99890abc4567", false)]
    [InlineData(null, false)]
    public void IsE164(string? phone, bool expected) => PhoneNumbers.IsE164(phone).ShouldBe(expected);

    [Fact]
    public void Normalize_removes_what_people_type_between_digits() =>
        PhoneNumbers.Normalize("+998 (90) 123-45-67").ShouldBe("+998901234567");

    [Fact]
    public void Mask_keeps_only_the_country_prefix_and_last_two_digits() =>
        PhoneNumbers.Mask("+998901234567").ShouldBe("+998*******67");
}
