using System.Globalization;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Tests.Fuzz;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// The API as the app itself routes it: every route under /api/v1 (and the well-known signing routes) read from the
/// app's <see cref="EndpointDataSource"/>, so an endpoint added later is fuzzed without anyone listing it here, with
/// the query parameters its OpenAPI document names and plausible values for its route parameters.
/// </summary>
internal sealed class ApiRoutes
{
    private readonly Dictionary<string, string> values;
    private readonly Dictionary<string, List<string>> queryNames;

    private ApiRoutes(List<(string Method, string Pattern)> routes, Dictionary<string, string> values, Dictionary<string, List<string>> queryNames)
    {
        Routes = routes;
        this.values = values;
        this.queryNames = queryNames;
    }

    public IReadOnlyList<(string Method, string Pattern)> Routes { get; }

    /// <summary>Valid bodies to start from, by route; a route without one starts from an empty object.</summary>
    public static readonly Dictionary<string, JsonNode> SeedBodies = new(StringComparer.Ordinal)
    {
        ["/api/v1/agency/vacancies/bulk"] = new JsonArray(BulkVacancyRows.Row("seed-1")),
        ["/api/v1/tips/track"] = new JsonObject { ["code"] = "TIP-7K2M-9QXD" },
        ["/api/v1/contract-checks"] = new JsonObject
        {
            ["destinationCountry"] = "KR",
            ["monthlyWage"] = 2_400_000,
            ["wageCurrency"] = "KRW",
            ["hoursPerWeek"] = 48,
            ["feesToWorker"] = 0,
            ["feeCurrency"] = "USD",
            ["passportHeldBy"] = "Worker",
            ["agencyLicence"] = ReferenceCode.Create("LIC", 101),
        },
        ["/api/v1/exchange/inbox"] = new JsonObject { ["messages"] = new JsonArray("eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJ0eXBlIjoiY2FzZSJ9.c2ln") },
        ["/api/v1/exchange/verify"] = new JsonObject { ["message"] = "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJ0eXBlIjoiY2VydGlmaWNhdGUifQ.c2ln" },
        ["/api/v1/agency/vacancies/{reference}/close"] = new JsonObject { ["reason"] = "Filled through another channel." },
    };

    public static async Task<ApiRoutes> ReadAsync(FuzzApp app, HttpClient client)
    {
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/v1/", StringComparison.Ordinal) || p.StartsWith("/.well-known/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Distinct().OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();

        // The OpenAPI document names each operation's query parameters.
        var queryNames = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            queryNames[path] = [.. item!.AsObject().SelectMany(o => o.Value?["parameters"]?.AsArray() ?? [])
                .Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).Distinct()];
        }

        var reference = await app.WithDbAsync(db => db.Set<Vacancy>().Select(v => v.Reference).FirstAsync());
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["licenceNumber"] = ReferenceCode.Create("LIC", 101),
            ["reference"] = reference,
            ["indicator"] = "departures",
            ["dimension"] = "destination",
            ["table"] = "corridors",
            ["type"] = "case-referral",
            ["version"] = "1",
            ["slug"] = "before-you-go",
            ["code"] = "PLAN-2026",
        };
        return new ApiRoutes(routes, values, queryNames);
    }

    /// <summary>The route with its parameters filled: usually a plausible value, sometimes a hostile one.</summary>
    public string Path(string pattern, Mutator m)
    {
        // No %00 in a path: TestServer's own decoder throws on it in the test, where Kestrel answers 400 before the app.
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", match =>
            m.Random.Next(3) > 0 && values.TryGetValue(match.Groups[1].Value, out var v) ? v : Escape(m.Text(), m).Replace("%00", "%01", StringComparison.Ordinal));
        return path;
    }

    /// <summary>A query string of the route's own parameters and some it does not know, with hostile values.</summary>
    public string Query(string pattern, Mutator m)
    {
        var names = queryNames.TryGetValue(pattern, out var known) ? known : [];
        var all = names.Concat(["culture", "page", "q", "from", "to", "sort", "limit"]).ToList();
        var parts = Enumerable.Range(0, m.Random.Next(0, 6))
            .Select(_ => $"{(m.Random.Next(8) == 0 ? Escape(m.Text(), m) : m.Pick(all))}={Escape(m.Random.Next(3) == 0 ? m.Pick(["1", "-1", "0", "2147483648", "en", "xx", "2026-01", "KZ"]) : m.Text(), m)}");
        return string.Join('&', parts);
    }

    /// <summary>Percent-escaped, with now and then an escape a decoder must cope with (%zz, an overlong NUL, a lone surrogate).</summary>
    private static string Escape(string text, Mutator m)
    {
        var escaped = Uri.EscapeDataString(text.Length > 3000 ? text[..3000] : text);
        return m.Random.Next(6) == 0 ? escaped + m.Pick(["%zz", "%", "%C0%80", "%ED%A0%80", "%00", "%2F..%2F", "%FF"]) : escaped;
    }

    public static string Describe(string method, string path, string query) => string.Create(CultureInfo.InvariantCulture, $"{method} {path}?{query}");
}
