using System.Text;
using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>
/// Every endpoint of the node (every Razor page handler and every API route, read from the app itself) asked by every
/// kind of caller: no session, a migrant and another migrant, each staff role, another agency's staff, a case worker
/// of another team, an agency API key and a partner node's key. Each answer must be the one written in
/// authorization-matrix.txt; an endpoint without a row fails, so a new page cannot go unreviewed.
/// Posts to pages go without an antiforgery token, as a form on another site would, and must be refused; the
/// "scope" callers (another migrant, another agency, another team) post with a valid token of their own to routes that
/// name a record, so that what stops them is the record's scope, not the token.
/// Run with CARAVAN_MATRIX_RECORD=path to write the table this build produces (then review the difference).
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly string Expected = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Authorization", "authorization-matrix.txt");

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_endpoint_answers_every_caller_as_the_matrix_says(DatabaseProvider provider)
    {
        // Rate limits have tests of their own; here thirteen callers share one loopback address, and a limit reached
        // half-way through would hide what authorization answers.
        await using var app = new CaravanApp(provider, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerMinute"] = "1000",
            ["RateLimits:CodesPerFiveMinutes"] = "1000",
            ["RateLimits:TipsPerTenMinutes"] = "1000",
        });
        var world = await MatrixWorld.BuildAsync(app);
        var endpoints = await MatrixEndpoints.ListAsync(app.Services);
        var actual = new Dictionary<string, string[]>();
        foreach (var endpoint in endpoints)
        {
            var row = new string[world.Principals.Count];
            for (var i = 0; i < row.Length; i++)
            {
                using var response = await AskAsync(world, world.Principals[i], endpoint);
                row[i] = MatrixRoutes.Outcome(response, endpoint);
            }

            actual[endpoint.Key] = row;
        }

        if (Environment.GetEnvironmentVariable("CARAVAN_MATRIX_RECORD") is { Length: > 0 } record)
        {
            await File.WriteAllTextAsync(record, Format(actual));
        }

        var problems = new List<string>();
        problems.AddRange(MatrixRules.Check(endpoints, actual));
        var expected = MatrixFile.Read(await File.ReadAllLinesAsync(Expected));
        foreach (var (key, row) in actual)
        {
            if (!expected.TryGetValue(key, out var want))
            {
                problems.Add($"{key}: no row in authorization-matrix.txt; add one (got {string.Join(' ', row)})");
                continue;
            }

            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] != want[i])
                {
                    problems.Add($"{key}: {MatrixWorld.Columns[i]} expected {want[i]}, got {row[i]}");
                }
            }
        }

        problems.AddRange(expected.Keys.Except(actual.Keys).Select(k => $"{k}: the row matches no endpoint of the app; remove it"));
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));

        // Cookie versus API: the one API write that takes a staff cookie reads JSON only, which a form on another site
        // cannot send (a cross-site JSON post needs CORS, which the node never grants), so a forged form closes nothing.
        var agency = world.Principals.Single(p => p.Name == "agency").Client;
        var close = $"/api/v1/agency/vacancies/{world.Values["vacancy"]}/close";
        using (var form = await agency.PostAsync(close, new FormUrlEncodedContent([new("reason", "Filled")])))
        {
            form.StatusCode.ShouldBe(System.Net.HttpStatusCode.UnsupportedMediaType);
        }

        using (var plain = await agency.PostAsync(close, new StringContent("{\"reason\":\"Filled\"}", Encoding.UTF8, "text/plain")))
        {
            plain.StatusCode.ShouldBe(System.Net.HttpStatusCode.UnsupportedMediaType);
        }

        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Core.Vacancies.Vacancy>(), v => v.Reference == world.Values["vacancy"]))).Status.ShouldBe(Core.Vacancies.VacancyStatus.Published);
    }

    private static async Task<HttpResponseMessage> AskAsync(MatrixWorld world, MatrixPrincipal who, MatrixEndpoint endpoint)
    {
        var url = MatrixRoutes.Fill(endpoint, world.Values);
        if (endpoint.Method == "GET")
        {
            return await who.Client.GetAsync(url);
        }

        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (!endpoint.IsPage)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        else if (who.Token is { } token && MatrixWorld.ScopeColumns.Contains(who.Name) && endpoint.Route.Contains('{', StringComparison.Ordinal))
        {
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        }
        else
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await who.Client.SendAsync(request);
    }

    private static string Format(Dictionary<string, string[]> table)
    {
        var width = table.Keys.Max(k => k.Length) + 2;
        var text = new StringBuilder();
        text.AppendLine(MatrixFile.Header.TrimEnd());
        text.Append("# endpoint".PadRight(width)).AppendLine(string.Join(' ', MatrixWorld.Columns.Select(c => c.PadRight(MatrixFile.Cell))).TrimEnd());
        foreach (var (key, row) in table)
        {
            text.Append(key.PadRight(width)).AppendLine(string.Join(' ', row.Select(c => c.PadRight(MatrixFile.Cell))).TrimEnd());
        }

        return text.ToString();
    }
}
