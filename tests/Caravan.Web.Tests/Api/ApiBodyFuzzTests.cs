using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Tests.Fuzz;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// Issue 18, fuzzing: every API route that takes a body gets generated bodies (valid seeds broken in structure and in
/// bytes, under several content types) with an agency API key, and answers each with a result or a 4xx, never a 500
/// and never an unhandled exception in the log. The routes come from the app, so a new endpoint is fuzzed too.
/// </summary>
public class ApiBodyFuzzTests(FuzzAppFixture fixture) : IClassFixture<FuzzAppFixture>
{
    private static readonly string[] ContentTypes = ["application/json", "application/json", "application/json", "application/json; charset=utf-16", "text/csv", "text/plain", "application/x-www-form-urlencoded", ""];

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Generated_bodies_to_every_api_route_are_answered_without_a_server_error(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, _) = await app.AgencyClientAsync();
        var api = await ApiRoutes.ReadAsync(app, client);
        var routes = api.Routes.Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();
        // The routes are the app's own: if reading them found none, this test would pass by sending nothing.
        routes.Select(r => r.Pattern).ShouldContain("/api/v1/agency/vacancies/bulk");
        routes.Count.ShouldBeGreaterThanOrEqualTo(ApiRoutes.SeedBodies.Count);

        await FuzzRun.CasesAsync($"api-bodies-{db}", app.Count(), (m, i) =>
        {
            var (method, pattern) = routes[i % routes.Count];
            var seed = ApiRoutes.SeedBodies.GetValueOrDefault(pattern) ?? new JsonObject();
            var body = m.Random.Next(10) == 0 ? m.Bytes(Encoding.UTF8.GetBytes(seed.ToJsonString())) : Encoding.UTF8.GetBytes(m.Json(seed));
            var line = $"{method} {api.Path(pattern, m)}?{(m.Random.Next(4) == 0 ? api.Query(pattern, m) : string.Empty)} {m.Pick(ContentTypes)}";
            return (line + ".json", body);
        }, async (line, body) =>
        {
            var parts = line[..^".json".Length].Split(' ', 3);
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]) { Content = new ByteArrayContent(body) };
            if (parts[2].Length > 0)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(parts[2]);
            }

            using var response = await app.SendAsync(client, request);
        });
    }

    public static TheoryData<string, DatabaseProvider> Corpus => FuzzCorpus.OnBothEngines("api-bodies");

    /// <summary>Bodies that broke an endpoint once, replayed to each route that takes a body (the file name says which, or all).</summary>
    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Committed_bodies_are_answered_without_a_server_error(string file, DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, _) = await app.AgencyClientAsync();
        var api = await ApiRoutes.ReadAsync(app, client);
        var body = FuzzRun.CorpusFile("api-bodies", file);
        foreach (var (method, pattern) in api.Routes.Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), api.Path(pattern, new Mutator(0))) { Content = new ByteArrayContent(body) };
            // The extension says how it was sent: .form as a form post, .csv as CSV, anything else as JSON.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(Path.GetExtension(file) switch
            {
                ".form" => "application/x-www-form-urlencoded",
                ".csv" => "text/csv",
                _ => "application/json",
            });
            using var response = await app.SendAsync(client, request);
        }
    }
}
