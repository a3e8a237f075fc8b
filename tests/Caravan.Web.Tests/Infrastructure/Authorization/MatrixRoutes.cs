using System.Net;

namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>Turns a route template into the address a cell asks for, and an answer into the word the matrix expects.</summary>
public static class MatrixRoutes
{
    /// <summary>
    /// Each route parameter, by the route it is in, names one record of <see cref="MatrixWorld"/>. A parameter this
    /// does not know fails the test, so a new parameterised route is placed on purpose.
    /// </summary>
    public static string Fill(MatrixEndpoint endpoint, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(values);
        var route = endpoint.Route;
        var segments = route.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (!segment.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            var name = segment[(segment.IndexOf('{', StringComparison.Ordinal) + 1)..segment.IndexOf('}', StringComparison.Ordinal)].Split(':')[0].TrimEnd('?');
            var prefix = segment[..segment.IndexOf('{', StringComparison.Ordinal)];
            segments[i] = prefix + values[Record(route, name)];
        }

        var path = string.Join('/', segments);
        return endpoint.Handler is null ? path : path + "?handler=" + endpoint.Handler;
    }

    private static string Record(string route, string parameter) => (parameter, route) switch
    {
        ("reference", _) when route.StartsWith("/cases/", StringComparison.Ordinal) || route.StartsWith("/me/cases/", StringComparison.Ordinal) => "case",
        ("reference", _) when route.StartsWith("/officer/persons/", StringComparison.Ordinal) => "person",
        ("reference", _) when route.StartsWith("/officer/licensing/applications/", StringComparison.Ordinal) => "licenceApplication",
        ("reference", _) => "vacancy",
        ("licenceNumber", _) => "licence",
        ("code", _) when route.StartsWith("/errors/", StringComparison.Ordinal) => "errorCode",
        ("code", _) when route.Contains("/plans/", StringComparison.Ordinal) => "plan",
        ("code", _) when route.StartsWith("/statistics/indicators/", StringComparison.Ordinal) => "indicator",
        ("code", _) when route.StartsWith("/statistics/datasets/", StringComparison.Ordinal) => "dataset",
        ("indicator", _) => "indicator",
        ("slug", _) => "guideSlug",
        ("dimension", _) => "dimension",
        ("table", _) => "table",
        ("type", _) => "schemaType",
        ("version", _) => "schemaVersion",
        ("documentName", _) => "documentName",
        ("id", _) when route.StartsWith("/admin/users/", StringComparison.Ordinal) => "user",
        ("id", _) when route.StartsWith("/admin/partners/", StringComparison.Ordinal) => "partnerNode",
        ("id", _) when route.StartsWith("/guides/manage/", StringComparison.Ordinal) => "guide",
        ("id", _) when route.StartsWith("/officer/employers/", StringComparison.Ordinal) => "employer",
        ("id", _) when route.StartsWith("/training/manage/centres/", StringComparison.Ordinal) => "centre",
        ("id", _) when route.Contains("sessions/", StringComparison.Ordinal) => "session",
        ("id", _) when route.StartsWith("/dashboard/agency/applications/", StringComparison.Ordinal) => "application",
        ("id", _) when route.StartsWith("/statistics/datasets/import/", StringComparison.Ordinal) => "upload",
        // No demo record of these kinds exists (an import, a duplicate pair, a dataset upload, a departure card, an
        // invitation): the cell still shows whether the role may ask, by a refusal or a "not found".
        ("id", _) => "missing",
        _ => throw new InvalidOperationException($"The authorization matrix has no record for {{{parameter}}} in {route}: add one to MatrixRoutes."),
    };

    /// <summary>The answer in the matrix's words. A redirect elsewhere than sign-in, denial or two-step set-up is "ok".</summary>
    public static string Outcome(HttpResponseMessage response, MatrixEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(endpoint);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            return location switch
            {
                _ when location.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase) => "signin",
                _ when location.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) => "denied",
                _ when location.Contains("/account/manage/two-factor", StringComparison.OrdinalIgnoreCase) => "2fa",
                _ => "go:" + location.Split('?')[0],
            };
        }

        if (status is >= 200 and < 300)
        {
            return "ok";
        }

        // A Razor page answers a post without a valid antiforgery token with a bare 400, before any handler runs.
        return response.StatusCode == HttpStatusCode.BadRequest && endpoint.IsPage && endpoint.Method == "POST"
            ? "csrf"
            : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
