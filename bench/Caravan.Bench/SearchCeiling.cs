using System.Data.Common;
using System.Diagnostics;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Bench;

/// <summary>
/// The raw-SQL ceiling of the search scenario: the same steps as VacancySearch for the same random searches (the
/// token index asked for one row more than a page; if more match, the destination's newest 1,000 read in order with
/// the match computed by the database, and the index again, in order, when even those hold less than a page; then the
/// page's rows), by hand-written SQL on pooled ADO.NET connections in this process, with no EF Core, no HTTP and no
/// rendering. What the app cannot beat on this machine.
/// </summary>
internal static class SearchCeiling
{
    private const int Window = 1000;
    private const int PageSize = 20;

    public static async Task<LoadResult> RunAsync(BenchDatabase database, BenchOptions options, IReadOnlyDictionary<string, List<string>> occupations)
    {
        var words = DataGenerator.SearchWords;
        var destinations = DataGenerator.Destinations;
        async Task One(Random r) => await SearchAsync(database, words[r.Next(words.Length)], destinations[r.Next(destinations.Length)], r.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture), occupations);
        await DriveAsync(options.Clients, TimeSpan.FromSeconds(3), One, 1);
        return await DriveAsync(options.Clients, TimeSpan.FromSeconds(options.Seconds), One, 2);
    }

    internal static async Task<LoadResult> DriveAsync(int clients, TimeSpan duration, Func<Random, Task> request, int seed)
    {
        var times = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(seed * 1000 + c);
            times[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await request(random);
                times[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = times.SelectMany(x => x).Order().ToArray();
        return new LoadResult(all.Length, 0, clock.Elapsed.TotalSeconds, all, all);
    }

    private static async Task SearchAsync(BenchDatabase database, string word, string destination, string isco, IReadOnlyDictionary<string, List<string>> occupations)
    {
        var postgres = database.Provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var codes = occupations[word].Where(c => c.StartsWith(isco, StringComparison.Ordinal)).ToList();
        var needle = " " + VacancySearchTerms.Qualified(destination, word);
        var licensed = "v.agency_id IN (SELECT a.id FROM agency a WHERE a.licence_status = 'Valid' AND (a.licence_valid_until IS NULL OR a.licence_valid_until >= @today))";
        var inCodes = codes.Count == 0 ? "FALSE" : postgres ? "v.isco_code = ANY(@codes)" : "v.isco_code IN (" + string.Join(", ", codes.Select((_, i) => "@c" + i)) + ")";
        var contains = postgres ? "strpos(' ' || v.search_key, @needle) > 0" : "instr(' ' || v.search_key, @needle) > 0";
        var token = VacancySearchTerms.Qualified(destination, word);
        var group = VacancySearchTerms.Qualified(destination, "i" + isco);
        var any = string.Join(postgres ? " | " : " OR ", new[] { postgres ? $"'{token}':*" : $"\"{token}\" *" }
            .Concat(codes.Select(c => postgres ? $"'{VacancySearchTerms.Qualified(destination, "i" + c)}'" : $"\"{VacancySearchTerms.Qualified(destination, "i" + c)}\"")));
        var query = postgres ? $"({any}) & '{group}'" : $"({any}) AND \"{group}\"";
        var index = postgres
            ? "array_to_tsvector(string_to_array(v.search_key, ' ')) @@ CAST(@query AS tsquery)"
            : "v.rowid IN (SELECT rowid FROM vacancy_terms WHERE vacancy_terms MATCH @query)";
        var indexed = $"FROM vacancy v WHERE v.status = 'Published' AND {licensed} AND v.destination_country = @destination "
            + $"AND v.isco_code LIKE @isco AND {index}";
        var ids = new List<object>();
        var probe = new List<(object Id, DateTime PublishedAt)>();
        await using (var command = Command(connection, $"SELECT v.id, v.published_at {indexed} LIMIT {PageSize + 1}", destination, isco, needle, codes))
        {
            Add(command, "@query", query);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                probe.Add((reader.GetValue(0), reader.GetDateTime(1)));
            }
        }

        if (probe.Count <= PageSize)
        {
            ids.AddRange(probe.OrderByDescending(p => p.PublishedAt).Select(p => p.Id));
        }
        else
        {
            var window = $"SELECT v.id, ({contains} OR {inCodes}) AND v.isco_code LIKE @isco AND {licensed} FROM vacancy v "
                + $"WHERE v.status = 'Published' AND v.destination_country = @destination ORDER BY v.published_at DESC, v.id LIMIT {Window}";
            await using (var command = Command(connection, window, destination, isco, needle, codes))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    if (reader.GetBoolean(1) && ids.Count < PageSize)
                    {
                        ids.Add(reader.GetValue(0));
                    }
                }
            }

            if (ids.Count < PageSize)
            {
                ids.Clear();
                await using var command = Command(connection, $"SELECT v.id {indexed} ORDER BY v.published_at DESC, v.id LIMIT {PageSize}", destination, isco, needle, codes);
                Add(command, "@query", query);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetValue(0));
                }
            }
        }

        if (ids.Count == 0)
        {
            return;
        }

        var rows = "SELECT v.reference, v.title, v.isco_code, v.destination_country, v.city, v.positions, v.wage_amount, v.wage_currency, v.published_at, a.name, a.licence_number, e.name, e.country_code "
            + "FROM vacancy v JOIN agency a ON a.id = v.agency_id JOIN foreign_employer e ON e.id = v.employer_id WHERE v.id IN ("
            + string.Join(", ", ids.Select((_, i) => "@id" + i)) + ")";
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = rows;
            for (var i = 0; i < ids.Count; i++)
            {
                Add(command, "@id" + i, ids[i]);
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(0);
            }
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, string destination, string isco, string needle, List<string> codes)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@today", DateOnly.FromDateTime(DateTime.UtcNow));
        Add(command, "@destination", destination);
        Add(command, "@isco", isco + "%");
        Add(command, "@needle", needle);
        if (command is NpgsqlCommand npgsql)
        {
            npgsql.Parameters.AddWithValue("@codes", codes.ToArray());
        }
        else
        {
            for (var i = 0; i < codes.Count; i++)
            {
                Add(command, "@c" + i, codes[i]);
            }
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
