using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Caravan.Core.Node;
using Caravan.Web.Api;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Caravan.Web.Infrastructure;

public static class CaravanPipeline
{
    public static WebApplication UseCaravanDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ServerTimingMiddleware>();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // API callers get problem details; people get the localised error page.
            ExceptionHandlingPath = "/errors/500",
            // A too-large or unreadable request is the caller's error, not ours.
            StatusCodeSelector = StatusFor,
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<NulQueryGuardMiddleware>();
        app.UseResponseCompression();
        app.UseRequestLocalization();
        app.UseMiddleware<CultureCookieMiddleware>();
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<StaffTwoFactorGate>();
        // After authentication, so the hub's /dashboard knows who asks; before authorization, so a closed path is not
        // found by anyone rather than asking strangers to sign in.
        app.UseMiddleware<HubGate>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A too-large or unreadable request is the caller's error (4xx), not ours.</summary>
    public static int StatusFor(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // Thrown by the form reader when a form breaks FormOptions' size limits.
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // Someone else saved the record first (optimistic concurrency): nothing was written, the person is told why.
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static WebApplication MapCaravanEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { AllowCachingResponses = false });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Caravan API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        var api = app.MapGroup("/api/v1").WithTags("v1");
        api.MapAgencyEndpoints();
        api.MapVacancyEndpoints();
        api.MapContractCheckEndpoints();
        api.MapCaseEndpoints();
        api.MapStatisticsEndpoints();
        api.MapAgencyScopedEndpoints();
        api.MapBulkVacancies();
        api.MapApplicationEndpoints();
        api.MapGuideEndpoints();
        api.MapExchangeEndpoints();
        api.MapRegionEndpoints();
        api.MapPlansEndpoints();
        app.MapSigningEndpoints();
        // The cheapest JSON answer the app can give: the baseline that benchmarks compare every endpoint with.
        api.MapGet("/status", (IOptions<NodeOptions> node) => TypedResults.Ok(new NodeStatus("ok", node.Value.Country)))
            .WithName("GetStatus")
            .WithSummary("The node's country and that it is up; no database access")
            .AllowAnonymous();
        return app;
    }

    /// <summary>The embedded SQLite demo migrates and seeds itself; PostgreSQL nodes do so only with MigrateOnStart.</summary>
    public static async Task PrepareDatabaseOnStartAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var migrateOnStart = app.Configuration.GetValue("Database:MigrateOnStart", provider == DatabaseProvider.Sqlite);
        if (migrateOnStart)
        {
            await app.MigrateAndSeedAsync();
        }
    }

    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        try
        {
            await init.MigrateAsync();
        }
        catch (PreBaselineDatabaseException) when (app.Environment.IsDevelopment() && demo.Enabled
            && scope.ServiceProvider.GetRequiredService<CaravanDbContext>().Database.IsSqlite())
        {
            // A demo database from before the squash holds nothing but demo data: make it again rather than stop the demo.
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            app.Logger.LogWarning("The demo database predates the migration baseline (ADR 0007); it is deleted and created again.");
            await db.Database.EnsureDeletedAsync();
            await init.MigrateAsync();
        }

        await init.SeedAsync(demo);
    }
}

/// <summary>Remembers a language chosen with ?culture= in a cookie, and notes an unknown code so the page can say so.</summary>
public sealed class CultureCookieMiddleware(RequestDelegate next)
{
    public const string UnknownCultureItem = "caravan:unknown-culture";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requested = context.Request.Query["culture"].ToString();
        if (requested.Length > 0)
        {
            if (Cultures.IsSupported(requested))
            {
                var culture = context.Features.Get<IRequestCultureFeature>()!.RequestCulture;
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(culture),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1),
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
            }
            else
            {
                context.Items[UnknownCultureItem] = true;
            }
        }

        return next(context);
    }
}

/// <summary>
/// A strict CSP with no inline script anywhere but the API reference page, whose third-party UI needs it.
/// </summary>
public sealed record NodeStatus(string Status, string Country);

/// <summary>
/// Adds Server-Timing (total time in the app, in ms) to every response, so load tests and browsers' developer
/// tools see server time apart from the network.
/// </summary>
public sealed class ServerTimingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = "app;dur=" + ms.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// Refuses TRACE and TRACK (405), and (400) a query string with a NUL character (%00) in it. No name, code or search has one, and PostgreSQL
/// refuses text holding one, so it reached the database as a 500 (found by fuzzing: GET /api/v1/agencies?q=%00).
/// </summary>
public sealed class NulQueryGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // TRACE and TRACK serve nothing here, yet a Razor page renders for any method without a handler: refused
        // (405) before routing, as ASVS 13.4.4 asks, found by the test of that row.
        if (HttpMethods.IsTrace(context.Request.Method) || string.Equals(context.Request.Method, "TRACK", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (context.Request.QueryString.HasValue && context.Request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return Results.Problem(title: "The query string has a NUL character (%00), which no value may contain.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
        }

        return next(context);
    }
}

public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        // The API reference and Hangfire's dashboard are third-party pages with inline script and style; nothing else is.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(CaravanJobs.DashboardPath, StringComparison.OrdinalIgnoreCase) ? ApiReference : Strict;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // The camera only where a QR is scanned, and only by this site: the verification page's optional scanner.
        headers["Permissions-Policy"] = context.Request.Path.Equals("/verify", StringComparison.OrdinalIgnoreCase)
            ? "camera=(self), microphone=(), geolocation=()"
            : "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.Path.Equals("/js/card-offline-sw.js", StringComparison.Ordinal))
        {
            // The worker lives with the other scripts but serves only the departure cards' pages.
            headers["Service-Worker-Allowed"] = "/me/departures/";
        }

        return next(context);
    }
}
