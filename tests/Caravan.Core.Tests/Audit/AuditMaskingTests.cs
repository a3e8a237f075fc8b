using Caravan.Core.Audit;
using Caravan.Core.Identity;

namespace Caravan.Core.Tests.Audit;

public class AuditMaskingTests
{
    [Theory]
    [InlineData(nameof(CaravanUser.PasswordHash))]
    [InlineData(nameof(CaravanUser.PhoneNumber))]
    [InlineData(nameof(CaravanUser.Email))]
    [InlineData(nameof(CaravanUser.DisplayName))]
    [InlineData(nameof(ApiKey.SecretHash))]
    public void Personal_and_secret_fields_are_masked(string property)
    {
        var info = typeof(CaravanUser).GetProperty(property) ?? typeof(ApiKey).GetProperty(property);
        AuditSaveChangesInterceptor.IsMasked(info, property).ShouldBeTrue();
    }

    [Theory]
    [InlineData(nameof(CaravanUser.AgencyId))]
    [InlineData(nameof(CaravanUser.IsDemo))]
    [InlineData(nameof(CaravanUser.LockoutEnd))]
    public void Ordinary_fields_are_kept(string property) =>
        AuditSaveChangesInterceptor.IsMasked(typeof(CaravanUser).GetProperty(property), property).ShouldBeFalse();
}
