using Caravan.Core.Node;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// On a regional hub, everything over people is closed: the hub holds no personal data, so the registries, cases,
/// vacancies, applications and training are not found there, by page or by API. Only the region's pages, the shared
/// plans, the exchange with the country nodes, administration and signing in are open. A country node passes every request on.
/// </summary>
public sealed class HubGate(RequestDelegate next, IOptions<NodeOptions> node)
{
    public const string Home = "/region";

    /// <summary>What a hub serves; a path under none of these is not found.</summary>
    public static readonly IReadOnlyList<string> Open =
    [
        Home, "/plans", "/account", "/admin", "/dashboard/admin", "/errors", "/about",
        "/api/v1/exchange", "/api/v1/region", "/api/v1/plans", "/api/v1/status", "/api/docs", "/openapi",
        "/.well-known", "/healthz", "/css", "/js", "/lib",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!node.Value.IsHub)
        {
            return next(context);
        }

        var path = context.Request.Path;
        if (path == "/" || path == "/dashboard")
        {
            // The hub's front page is the region; staff land there too unless they administer the hub.
            context.Response.Redirect(path == "/dashboard" && context.User.IsInRole(Caravan.Core.Identity.Roles.Admin) ? "/dashboard/admin" : Home);
            return Task.CompletedTask;
        }

        if (Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
