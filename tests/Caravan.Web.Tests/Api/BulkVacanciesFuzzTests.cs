using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Tests.Fuzz;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Api;

/// <summary>
/// Issue 18, fuzzing: generated bulk uploads in JSON and in CSV. Besides no 500 and no unhandled exception, nothing is
/// written in part: a refused request adds no vacancy, and an accepted one adds exactly the rows it reports submitted.
/// </summary>
public class BulkVacanciesFuzzTests(FuzzAppFixture fixture) : IClassFixture<FuzzAppFixture>
{
    private const string Url = "/api/v1/agency/vacancies/bulk";

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Generated_json_uploads_are_kept_row_by_row_or_refused_whole(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, agency) = await app.AgencyClientAsync();
        await FuzzRun.CasesAsync($"bulk-json-{db}", app.Count(), (m, i) =>
        {
            var rows = new JsonArray([.. Enumerable.Range(0, m.Random.Next(1, 4)).Select(r => (JsonNode)BulkVacancyRows.Row($"fz{i}-{r}"))]);
            return ("bulk.json", Encoding.UTF8.GetBytes(m.Json(rows)));
        }, (_, body) => SendAsync(app, client, agency, body, "application/json"));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Generated_csv_uploads_are_kept_row_by_row_or_refused_whole(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, agency) = await app.AgencyClientAsync();
        await FuzzRun.CasesAsync($"bulk-csv-{db}", app.Count(), (m, i) =>
        {
            var csv = BulkVacancyRows.CsvHeader + "\n" + string.Join("\n", Enumerable.Range(0, m.Random.Next(1, 4)).Select(r => BulkVacancyRows.CsvRow($"fc{i}-{r}"))) + "\n";
            return ("bulk.csv", m.Bytes(Encoding.UTF8.GetBytes(csv)));
        }, (_, body) => SendAsync(app, client, agency, body, "text/csv"));
    }

    private static async Task SendAsync(FuzzApp app, HttpClient client, Guid agency, byte[] body, string contentType)
    {
        var before = await CountAsync(app, agency);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await app.SendAsync(client, request);
        var added = await CountAsync(app, agency) - before;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var result = (await response.Content.ReadFromJsonAsync<BulkResult>())!;
            added.ShouldBe(result.Submitted, "an accepted upload adds exactly the rows it reports submitted");
            result.Rows.Count.ShouldBe(result.Received);
        }
        else
        {
            added.ShouldBe(0, $"a refused upload ({(int)response.StatusCode}) adds nothing");
        }
    }

    private static Task<int> CountAsync(FuzzApp app, Guid agency) => app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.AgencyId == agency));

    public static TheoryData<string, DatabaseProvider> JsonCorpus => FuzzCorpus.OnBothEngines("bulk-json");

    public static TheoryData<string, DatabaseProvider> CsvCorpus => FuzzCorpus.OnBothEngines("bulk-csv");

    [Theory]
    [MemberData(nameof(JsonCorpus))]
    public async Task Committed_json_uploads_are_kept_row_by_row_or_refused_whole(string file, DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, agency) = await app.AgencyClientAsync();
        await SendAsync(app, client, agency, FuzzRun.CorpusFile("bulk-json", file), "application/json");
    }

    [Theory]
    [MemberData(nameof(CsvCorpus))]
    public async Task Committed_csv_uploads_are_kept_row_by_row_or_refused_whole(string file, DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (client, agency) = await app.AgencyClientAsync();
        await SendAsync(app, client, agency, FuzzRun.CorpusFile("bulk-csv", file), "text/csv");
    }
}
