using System.Security.Claims;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;

namespace Caravan.Web.Infrastructure;

public static class RegistryActors
{
    /// <summary>
    /// The signed-in user as the registry's history and access log record them. The organisation is the node's
    /// ministry for officers, or the agency for agency staff, so the person can tell who looked.
    /// </summary>
    public static RegistryActor From(ClaimsPrincipal user, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(node);
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? string.Empty;
        var name = user.FindFirstValue(CaravanClaims.DisplayName) ?? user.Identity?.Name ?? string.Empty;
        var organisation = role switch
        {
            Roles.AgencyStaff => user.FindFirstValue(CaravanClaims.AgencyId) ?? string.Empty,
            Roles.Migrant => string.Empty,
            _ => node.DisplayName,
        };
        return new RegistryActor(user.GetUserId(), name, role, organisation);
    }
}
