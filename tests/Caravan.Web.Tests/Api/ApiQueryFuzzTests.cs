using Caravan.Core.Data;
using Caravan.Core.Tests.Fuzz;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// Issue 18, fuzzing: every GET route of the API gets generated route values and query strings (its own parameters
/// and unknown ones, hostile values, broken percent-escapes) and answers each without a 500 or an unhandled exception.
/// </summary>
public class ApiQueryFuzzTests(FuzzAppFixture fixture) : IClassFixture<FuzzAppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Generated_query_strings_to_every_api_route_are_answered_without_a_server_error(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, _) = await app.AgencyClientAsync();
        var api = await ApiRoutes.ReadAsync(app, client);
        var routes = api.Routes.Where(r => r.Method == "GET").ToList();
        routes.Select(r => r.Pattern).ShouldContain("/api/v1/vacancies");

        await FuzzRun.CasesAsync($"api-queries-{db}", app.Count(), (m, i) =>
        {
            var (_, pattern) = routes[i % routes.Count];
            return ($"{api.Path(pattern, m)}?{api.Query(pattern, m)}", []);
        }, async (url, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await app.SendAsync(client, request);
        });
    }

    public static TheoryData<string, DatabaseProvider> Corpus => FuzzCorpus.OnBothEngines("api-queries");

    /// <summary>URLs that broke a route once, one per line of each file.</summary>
    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Committed_urls_are_answered_without_a_server_error(string file, DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, _) = await app.AgencyClientAsync();
        foreach (var url in System.Text.Encoding.UTF8.GetString(FuzzRun.CorpusFile("api-queries", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url.Trim());
            using var response = await app.SendAsync(client, request);
        }
    }
}
