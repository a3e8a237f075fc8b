using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Bench;

/// <summary>
/// The bulk vacancy API with every check on, against PostgreSQL's own COPY of the same rows into a plain table:
/// COPY is the fastest the database can take rows, so the ratio says what validation, checks and auditing cost.
/// </summary>
internal static class BulkTest
{
    private sealed record BulkSummary(int Received, int Submitted, int Duplicates, int Rejected);

    public static async Task<string> RunAsync(HttpClient http, BenchDatabase database, GeneratedData data, BenchOptions options)
    {
        string secret;
        await using (var db = database.NewContext())
        {
            secret = (await new ApiKeyService(db, TimeProvider.System).CreateAsync("bench", data.BulkAgencyId, null, null)).Secret;
        }

        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object[] Rows(int request) => [.. Enumerable.Range(0, options.BulkRows).Select(i => new
        {
            agencyReference = $"bulk-{request}-{i}",
            employerRegistrationId = data.BulkEmployer,
            iscoCode = "7212",
            title = $"Welder {i}",
            description = "Welding of steel frames in a car parts plant. Written contract; wages paid monthly to a bank account.",
            textLanguage = "en",
            destinationCountry = "KR",
            city = "Ansan",
            positions = 1 + (i % 20),
            monthlyWage = 2_400_000 + (i % 100) * 1000,
            wageCurrency = "KRW",
            hoursPerWeek = 48,
            contractMonths = 34,
            applicationDeadline = deadline,
            housingProvided = true,
        })];

        var seconds = new List<double>();
        var serverSeconds = new List<double>();
        // Request 0 is a warm-up (JIT, pools, the database's caches), as in the other scenarios, and is not counted.
        for (var r = 0; r <= options.BulkRequests; r++)
        {
            var body = Rows(r);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agency/vacancies/bulk") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Api-Key", secret);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var summary = await response.Content.ReadFromJsonAsync<BulkSummary>();
            if (r == 0)
            {
                continue;
            }

            seconds.Add(clock.Elapsed.TotalSeconds);
            if (response.Headers.TryGetValues("Server-Timing", out var timing)
                && double.TryParse(timing.First().Split("dur=")[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                serverSeconds.Add(ms / 1000);
            }
            if (summary?.Submitted != options.BulkRows)
            {
                throw new InvalidOperationException($"Bulk request {r} kept {summary?.Submitted} of {options.BulkRows} rows ({response.StatusCode}).");
            }
        }

        var apiRate = options.BulkRows / seconds.Order().ElementAt(seconds.Count / 2);
        var copyRate = database.Provider == DatabaseProvider.Postgres ? await CopyRateAsync(database, options.BulkRows) : double.NaN;
        return string.Format(CultureInfo.InvariantCulture,
            "\n| Bulk scenario | Rows per request | Median s per request | Median server s | Rows/s | Baseline COPY rows/s | Ratio to COPY |\n|---|---|---|---|---|---|---|\n| POST /api/v1/agency/vacancies/bulk, all checks, audited | {0:N0} | {1:0.00} | {5:0.00} | {2:N0} | {3:N0} | {4:0.00} |",
            options.BulkRows, seconds.Order().ElementAt(seconds.Count / 2), apiRate, copyRate, apiRate / copyRate,
            serverSeconds.Count == 0 ? double.NaN : serverSeconds.Order().ElementAt(serverSeconds.Count / 2));
    }

    private static async Task<double> CopyRateAsync(BenchDatabase database, int rows)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE bench_copy (agency_reference text, title text, description text, isco_code text, destination text, city text, positions int, wage numeric, currency text, hours int, months int, deadline date)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY bench_copy FROM STDIN (FORMAT BINARY)"))
        {
            var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            for (var i = 0; i < rows; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync($"copy-{i}", NpgsqlDbType.Text);
                await writer.WriteAsync($"Welder {i}", NpgsqlDbType.Text);
                await writer.WriteAsync("Welding of steel frames in a car parts plant. Written contract; wages paid monthly to a bank account.", NpgsqlDbType.Text);
                await writer.WriteAsync("7212", NpgsqlDbType.Text);
                await writer.WriteAsync("KR", NpgsqlDbType.Text);
                await writer.WriteAsync("Ansan", NpgsqlDbType.Text);
                await writer.WriteAsync(1 + (i % 20), NpgsqlDbType.Integer);
                await writer.WriteAsync(2_400_000m + (i % 100) * 1000, NpgsqlDbType.Numeric);
                await writer.WriteAsync("KRW", NpgsqlDbType.Text);
                await writer.WriteAsync(48, NpgsqlDbType.Integer);
                await writer.WriteAsync(34, NpgsqlDbType.Integer);
                await writer.WriteAsync(deadline, NpgsqlDbType.Date);
            }

            await writer.CompleteAsync();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }
}
