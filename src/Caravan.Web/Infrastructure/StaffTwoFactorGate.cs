using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Where the node requires two-step sign-in for staff, a signed-in staff member without it can reach only the page that
/// sets it up (and sign-out) until they do. API keys are not cookies and are not affected.
/// </summary>
public sealed class StaffTwoFactorGate(RequestDelegate next)
{
    public const string SetUpPath = "/account/manage/two-factor";

    private static readonly string[] Open = [SetUpPath, "/account/sign-out", "/account/two-factor", "/errors", "/healthz", "/lib", "/css", "/js", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context, StaffPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policies);
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: not ApiKeyAuthentication.SchemeName }
            && user.FindFirst(CaravanClaims.TwoFactor)?.Value != "1"
            && Roles.Staff.Any(user.IsInRole)
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && await policies.RequireTwoFactorAsync(context.RequestAborted))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(SetUpPath + "?required=true");
            return;
        }

        await next(context);
    }
}
