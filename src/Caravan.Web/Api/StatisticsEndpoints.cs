using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Identity;
using Caravan.Core.Statistics;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Api;

public sealed record IndicatorDto(
    string Code,
    string Name,
    string Definition,
    string Unit,
    string Measure,
    string Periodicity,
    IReadOnlyList<string> Dimensions,
    string Source,
    string Dataflow,
    string Page,
    string Data);

public sealed record ObservationDto(string Period, IReadOnlyDictionary<string, string> Dimensions, decimal? Value, string Status);

public sealed record DisclosureDto(bool Exact, int Threshold, decimal DominancePercent, string Method, IReadOnlyList<string> WithheldPeriods);

public sealed record StatisticsDto(
    string Indicator,
    string Unit,
    string Measure,
    string Periodicity,
    IReadOnlyList<string> Dimensions,
    DisclosureDto Disclosure,
    IReadOnlyList<ObservationDto> Observations);

public sealed record CodelistDto(string Id, IReadOnlyList<string> Codes);

/// <summary>
/// Published statistics: the indicator catalogue, codelists, and each indicator's figures in JSON or SDMX-CSV 2.0.
/// Anyone gets the disclosure-controlled figures; an analyst's API key may ask for exact ones (exact=true).
/// </summary>
public static class StatisticsEndpoints
{
    public const string RateLimit = "statistics";
    private const string Method = "Cells under the threshold are never published; other cells are hidden until every hidden cell's range, worked out from what is published, is at least the threshold wide either way; magnitudes also pass the p% dominance rule. Published tables have at most two dimensions, one period each; a two-way table that cannot be protected is withheld, leaving its margins. docs/statistics-disclosure.md";

    public static RouteGroupBuilder MapStatisticsEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/statistics").RequireRateLimiting(RateLimit).AllowAnonymous();
        group.MapGet("/indicators", ListIndicators)
            .WithName("ListIndicators")
            .WithSummary("The indicator catalogue")
            .WithDescription("Every indicator with its definition, unit, periodicity, dimensions and source, in the request's language.")
            .Produces<IReadOnlyList<IndicatorDto>>();
        group.MapGet("/codelists/{dimension}", CodelistAsync)
            .WithName("GetCodelist")
            .WithSummary("The codes of a dimension")
            .WithDescription("dimension is sex, age, region, destination, occupation, agency or category; category needs ?indicator=, since each indicator has its own categories.")
            .Produces<CodelistDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{indicator}", DataAsync)
            .WithName("GetStatistics")
            .WithSummary("An indicator's figures, in JSON or SDMX-CSV 2.0")
            .WithDescription("Filter with a dimension's id and one or more comma-separated codes (sex=F, destination=RU,KZ); break down with breakdown=age,destination; choose periods with startPeriod and endPeriod (2026, 2026-Q1 or 2026-03; the last 12 months by default). Published answers are cells of tables of at most two dimensions. format=sdmx-csv, or Accept: application/vnd.sdmx.data+csv, gives SDMX-CSV. exact=true needs an analyst's API key (X-Api-Key). Answers carry an ETag; send If-None-Match to get 304 when nothing changed.")
            .Produces<StatisticsDto>()
            .Produces(StatusCodes.Status200OK, contentType: SdmxCsv.MediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<List<IndicatorDto>> ListIndicators(IStringLocalizer<SharedResource> l) =>
        TypedResults.Ok(Indicators.All.Select(i => new IndicatorDto(
            i.Code,
            l[$"Indicator.{i.Code}.Name"],
            l[$"Indicator.{i.Code}.Definition"],
            i.Unit,
            i.Measure.ToString(),
            i.Periodicity.ToString(),
            [.. i.Dimensions.Select(Codelists.Id)],
            i.Source,
            SdmxCsv.StructureId(i),
            $"/statistics/indicators/{i.Code}",
            $"/api/v1/statistics/{i.Code}")).ToList());

    private static async Task<Results<Ok<CodelistDto>, ProblemHttpResult>> CodelistAsync(string dimension, string? indicator, Codelists codelists, CancellationToken cancellationToken)
    {
        if (!Codelists.ByQueryName.TryGetValue(dimension, out var d))
        {
            return TypedResults.Problem(title: "Unknown dimension.", detail: $"'{dimension}' is not a dimension: use sex, age, region, destination, occupation, agency or category.", statusCode: StatusCodes.Status404NotFound);
        }

        var definition = Indicators.Find(indicator);
        if (d == Dimension.Category && definition?.CategoryCodelist is null)
        {
            return TypedResults.Problem(title: "Which indicator's categories?", detail: "Categories differ by indicator: add ?indicator= with an indicator that has categories.", statusCode: StatusCodes.Status400BadRequest);
        }

        var codes = await codelists.CodesAsync(definition ?? Indicators.All[0], d, cancellationToken);
        return TypedResults.Ok(new CodelistDto(d == Dimension.Category ? $"CL_{definition!.CategoryCodelist!.ToUpperInvariant().Replace('-', '_')}" : $"CL_{dimension.ToUpperInvariant()}", codes));
    }

    private static async Task<IResult> DataAsync(string indicator, HttpContext http, StatisticsRequestParser parser, StatisticsService statistics, CancellationToken cancellationToken)
    {
        // Browsers and proxies send the key only to this API; an analyst signed in to the site has no key here.
        var auth = await http.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
        var analyst = auth.Succeeded && auth.Principal.IsInRole(Roles.Analyst);
        var query = http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList();
        var sdmx = WantsSdmx(http.Request);
        if (sdmx is null)
        {
            return TypedResults.Problem(title: "Unknown format.", detail: "format is json or sdmx-csv.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (request, error) = await parser.ParseAsync(indicator, query, analyst, cancellationToken);
        if (request is null)
        {
            return TypedResults.Problem(title: error!.Title, detail: error.Detail, statusCode: error.Status);
        }

        var version = await statistics.VersionAsync(cancellationToken);
        var etag = $"\"{version}-{Hash(request.Canonical + (sdmx.Value ? "|csv" : "|json") + (analyst ? "|a" : string.Empty))}\"";
        http.Response.Headers.ETag = etag;
        // Exact figures are for the analyst only: no shared cache may keep them.
        http.Response.Headers.CacheControl = request.Exact ? "private, no-store" : "public, max-age=300";
        http.Response.Headers.Vary = "Accept, Accept-Language, X-Api-Key";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var answer = await statistics.AnswerAsync(request, cancellationToken);
        if (sdmx.Value)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            await SdmxCsv.WriteAsync(text, answer, cancellationToken);
            return TypedResults.Text(text.ToString(), SdmxCsv.MediaType, Encoding.UTF8);
        }

        return TypedResults.Ok(ToDto(answer));
    }

    private static bool? WantsSdmx(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        return format switch
        {
            "sdmx-csv" => true,
            "json" => false,
            "" => request.Headers.Accept.ToString().Contains("application/vnd.sdmx.data+csv", StringComparison.OrdinalIgnoreCase)
                || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
    }

    public static StatisticsDto ToDto(StatisticsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var i = answer.Request.Indicator;
        var names = answer.Dimensions.Select(Codelists.Id).ToList();
        return new StatisticsDto(
            i.Code,
            i.Unit,
            i.Measure.ToString(),
            i.Periodicity.ToString(),
            names,
            new DisclosureDto(answer.Request.Exact, answer.Rules.Threshold, answer.Rules.DominancePercent, answer.Request.Exact ? "Exact values for an analyst: not for publication." : Method, answer.WithheldPeriods),
            [.. answer.Observations.Select(o => new ObservationDto(
                o.Period,
                names.Select((n, k) => (n, k)).ToDictionary(x => x.n, x => o.Codes[x.k], StringComparer.Ordinal),
                o.Value,
                o.Status switch
                {
                    Core.Statistics.Disclosure.CellStatus.Published => "published",
                    Core.Statistics.Disclosure.CellStatus.Suppressed => "suppressed",
                    Core.Statistics.Disclosure.CellStatus.SecondarySuppressed => "suppressed-secondary",
                    _ => "suppressed",
                }))]);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
