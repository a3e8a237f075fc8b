using System.Security.Claims;
using Caravan.Core.Audit;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// The audit actor of the current request. It records the account id, never an email or phone number,
/// so the audit trail itself holds no contact details.
/// </summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string Name
    {
        get
        {
            var user = User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return accessor.HttpContext is null ? "system" : "anonymous";
            }

            var apiKey = user.FindFirstValue(ApiKeyAuthentication.KeyIdClaim);
            return apiKey is not null ? $"apikey:{apiKey}" : $"user:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";
        }
    }

    public string? Role => User?.FindFirstValue(ClaimTypes.Role);

    public string Kind => User?.Identity?.IsAuthenticated != true
        ? (accessor.HttpContext is null ? "system" : "anonymous")
        : User.HasClaim(c => c.Type == ApiKeyAuthentication.KeyIdClaim) ? "api" : "user";
}
