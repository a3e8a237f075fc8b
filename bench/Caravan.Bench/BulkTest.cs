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
        // The first requests warm up (JIT: the server's code reaches its optimised tier only after a few; pools; the
        // database's caches), as the other scenarios warm up for 3 s, and are not counted.
        const int warmUps = 3;
        for (var r = 0; r < warmUps + options.BulkRequests; r++)
        {
            var body = Rows(r);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agency/vacancies/bulk") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-Api-Key", secret);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var summary = await response.Content.ReadFromJsonAsync<BulkSummary>();
            if (r < warmUps)
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
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var copyRate = postgres ? await CopyRateAsync(database, options.BulkRows) : double.NaN;
        var ceiling = postgres ? await CeilingAsync(database, data.BulkAgencyId, options.BulkRows, options.BulkRequests) : (double.NaN, double.NaN);
        return string.Format(CultureInfo.InvariantCulture,
            "\n| Bulk scenario | Rows per request | Median s per request | Median server s | Rows/s | Baseline COPY rows/s | Ratio to COPY |\n|---|---|---|---|---|---|---|\n| POST /api/v1/agency/vacancies/bulk, all checks, audited | {0:N0} | {1:0.00} | {5:0.00} | {2:N0} | {3:N0} | {4:0.00} |"
            + "\n| Ceiling: the same rows and audit entries, ready in the database, inserted into the same tables and indexes in one transaction | {0:N0} | {6:0.00} | {6:0.00} | {7:N0} | {3:N0} | {8:0.00} |",
            options.BulkRows, seconds.Order().ElementAt(seconds.Count / 2), apiRate, copyRate, apiRate / copyRate,
            serverSeconds.Count == 0 ? double.NaN : serverSeconds.Order().ElementAt(serverSeconds.Count / 2),
            ceiling.Item1, ceiling.Item2, ceiling.Item2 / copyRate);
    }

    /// <summary>
    /// The raw-SQL ceiling of a bulk request: the rows the API just wrote, and their audit entries, with new ids and
    /// references, made ready in temporary tables (not timed) and then inserted by INSERT … SELECT in one transaction.
    /// Same tables, same indexes, same row widths, and nothing else: no transfer, no parsing, no checks, no audit text
    /// to build. Median of the runs after a warm-up.
    /// </summary>
    private static async Task<(double Seconds, double RowsPerSecond)> CeilingAsync(BenchDatabase database, Guid agencyId, int rows, int runs)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        async Task<List<string>> ColumnsAsync(string table)
        {
            await using var command = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position", connection);
            command.Parameters.AddWithValue("table", table);
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }

        // Time-ordered like the app's version 7 ids, so each row lands at the end of the primary key as the app's rows
        // do; random ids (gen_random_uuid) made the ceiling pay for inserts all over the index, which the app never does.
        const string orderedId = "(lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(row_number() OVER ()), 19, '0'))::uuid";

        // The columns that must be new for a row to be a new vacancy; every other one is copied as it is.
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = orderedId,
            ["reference"] = "'C' || lpad(@run::text, 3, '0') || lpad(row_number() OVER ()::text, 8, '0')",
            ["agency_reference"] = "'ceiling-' || @run || '-' || row_number() OVER ()",
            ["version"] = "gen_random_uuid()",
        };
        var vacancy = await ColumnsAsync("vacancy");
        var audit = await ColumnsAsync("audit_entry");
        string Select(List<string> columns, Dictionary<string, string> replaced) =>
            string.Join(", ", columns.Select(c => (replaced.TryGetValue(c, out var e) ? e : "\"" + c + "\"") + " AS \"" + c + "\""));
        string List(List<string> columns) => string.Join(", ", columns.Select(c => "\"" + c + "\""));
        var times = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            // Not timed: the rows to insert, made ready in temporary tables, as the API has them ready after its checks.
            await using (var prepare = new NpgsqlCommand(
                "DROP TABLE IF EXISTS ceiling_vacancy, ceiling_audit; "
                + $"CREATE TEMP TABLE ceiling_vacancy AS SELECT {Select(vacancy, fresh)} FROM vacancy WHERE agency_id = @agency AND status = 'PendingApproval' LIMIT @rows; "
                + $"CREATE TEMP TABLE ceiling_audit AS SELECT {Select(audit, new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = orderedId })} "
                + "FROM audit_entry WHERE entity_type = 'Vacancy' ORDER BY at DESC LIMIT @rows", connection))
            {
                prepare.Parameters.AddWithValue("agency", agencyId);
                prepare.Parameters.AddWithValue("rows", rows);
                prepare.Parameters.AddWithValue("run", run);
                await prepare.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await using var command = new NpgsqlCommand(
                    $"INSERT INTO vacancy ({List(vacancy)}) SELECT * FROM ceiling_vacancy; INSERT INTO audit_entry ({List(audit)}) SELECT * FROM ceiling_audit", connection, transaction);
                var inserted = await command.ExecuteNonQueryAsync();
                if (inserted != 2 * rows)
                {
                    throw new InvalidOperationException($"The ceiling inserted {inserted} rows, not {2 * rows}.");
                }

                await transaction.CommitAsync();
            }

            // Run 0 warms the caches, as the API's first request does.
            if (run > 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
            }
        }

        var median = times.Order().ElementAt(times.Count / 2);
        return (median, rows / median);
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
