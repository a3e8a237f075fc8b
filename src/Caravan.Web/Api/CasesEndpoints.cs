using Caravan.Core.Cases;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Api;

public sealed record TipTrackRequest(string? Code);

public sealed record TipStatusResponse(string Category, string CategoryText, string Status, string StatusText, DateTime OpenedAt, int MessagesFromCaseWorker, DateTime? LastMessageAt);

/// <summary>
/// What an SMS or USSD service needs to follow an anonymous tip for someone without a browser: the status and whether
/// the case worker has written, never the messages themselves (those are read on /report/track).
/// </summary>
public static class CasesEndpoints
{
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/tips/track", TrackAsync)
            .WithName("TrackTip")
            .WithSummary("Status of an anonymous tip, by its tracking code")
            .WithDescription("The code goes in the body, never in the URL. Ten wrong codes from one client address lock further attempts for 15 minutes (429). Labels are in the request's language (?culture= or Accept-Language).")
            .Accepts<TipTrackRequest>("application/json")
            .Produces<TipStatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery()
            .RequireRateLimiting(CaravanDefaults.TipRateLimit)
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<TipStatusResponse>, ProblemHttpResult>> TrackAsync(
        TipTrackRequest request, HttpContext http, CaseIntake intake, CaseFiles files, TrackingGuard guard, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (guard.IsLockedOut(client))
        {
            return TypedResults.Problem(title: localizer["Tip.Track.TooMany"], statusCode: StatusCodes.Status429TooManyRequests);
        }

        var c = string.IsNullOrWhiteSpace(request?.Code) ? null : await intake.ByTrackingCodeAsync(request.Code, cancellationToken);
        if (c is null)
        {
            guard.Failed(client);
            return TypedResults.Problem(title: localizer["Tip.Track.NotFound"], statusCode: StatusCodes.Status404NotFound);
        }

        http.Response.Headers.CacheControl = "no-store";
        var file = await files.ReporterFileAsync(c, cancellationToken);
        var fromWorker = file.Timeline.Where(e => e.Kind == CaseEventKind.Message && !e.FromReporter).ToList();
        var status = c.Outcome?.ToString() ?? c.Status.ToString();
        var statusText = c.Outcome is { } o ? localizer["CaseOutcome." + o] : localizer["CaseStatus." + c.Status];
        return TypedResults.Ok(new TipStatusResponse(
            c.Category.ToString(), localizer["CaseCategory." + c.Category], status, statusText, c.OpenedAt, fromWorker.Count, fromWorker.LastOrDefault()?.At));
    }
}
