using System.Security.Claims;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>Scope claims: which agency and which node country a signed-in user may see.</summary>
public static class CaravanClaims
{
    public const string AgencyId = "caravan:agency";
    public const string Country = "caravan:country";
    public const string DisplayName = "caravan:name";

    /// <summary>"1" when the account has two-step sign-in on; checked against the node's policy on every staff request.</summary>
    public const string TwoFactor = "caravan:2fa";

    public static Guid? GetAgencyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(AgencyId), out var id) ? id : null;

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>Adds the scope claims to the sign-in cookie so that scope checks need no database read.</summary>
public sealed class CaravanClaimsFactory(
    UserManager<CaravanUser> users, RoleManager<CaravanRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CaravanUser, CaravanRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CaravanUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(CaravanClaims.AgencyId, agency.ToString()));
        }

        if (user.CountryCode is { } country)
        {
            identity.AddClaim(new Claim(CaravanClaims.Country, country));
        }

        identity.AddClaim(new Claim(CaravanClaims.TwoFactor, user.TwoFactorEnabled ? "1" : "0"));
        if (user.DisplayName is { } name)
        {
            identity.AddClaim(new Claim(CaravanClaims.DisplayName, name));
        }

        return identity;
    }
}
