using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>One thing a client can ask of the node: a method on a route, and for a Razor page, one handler.</summary>
public sealed record MatrixEndpoint(string Method, string Route, string? Handler)
{
    public bool IsPage { get; init; }

    /// <summary>The row's key in the expectations file.</summary>
    public string Key => $"{Method} {Route}{(Handler is null ? string.Empty : "?handler=" + Handler)}";
}

/// <summary>
/// The app's own list of endpoints: every Razor page handler (from the compiled pages) and every minimal API route.
/// Static files, the OpenAPI document, the job dashboard and health checks are outside the matrix (they have their own
/// tests); everything else is in it, so a new page or route appears here without anyone adding it.
/// </summary>
public static class MatrixEndpoints
{
    public static async Task<List<MatrixEndpoint>> ListAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var list = new List<MatrixEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    list.Add(new MatrixEndpoint(handler.HttpMethod.ToUpperInvariant(), route, handler.Name) { IsPage = true });
                }

                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                list.Add(new MatrixEndpoint(method, route, null) { });
            }
        }

        return list.Where(InMatrix).DistinctBy(e => e.Key).OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ThenBy(e => e.Handler, StringComparer.Ordinal).ToList();
    }

    // Static files (each a route of its own under MapStaticAssets, plus the catch-all) and the health check (any
    // method, anonymous by design, tested in PlatformTests) say nothing about who may do what.
    private static bool InMatrix(MatrixEndpoint endpoint)
    {
        var last = endpoint.Route[(endpoint.Route.LastIndexOf('/') + 1)..];
        return endpoint.Method is not ("HEAD" or "*")
            && !endpoint.Route.Contains("{**", StringComparison.Ordinal)
            && !(last.Contains('.', StringComparison.Ordinal) && !last.Contains('{', StringComparison.Ordinal));
    }
}
