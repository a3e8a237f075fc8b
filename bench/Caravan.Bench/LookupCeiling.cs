using Npgsql;

namespace Caravan.Bench;

/// <summary>
/// The raw-SQL ceiling of the register lookup: the agency row and its destinations by licence number, as the API reads
/// them, by one hand-written query on a pooled ADO.NET connection in this process: no EF Core, no HTTP, no JSON.
/// </summary>
internal static class LookupCeiling
{
    public static async Task<LoadResult> RunAsync(BenchDatabase database, BenchOptions options, IReadOnlyList<string> licences)
    {
        async Task One(Random r)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT a.*, d.country_code FROM agency a LEFT JOIN agency_destination d ON d.agency_id = a.id "
                + "WHERE a.licence_number = @licence AND a.licence_status <> 'Applied'", connection);
            command.Parameters.AddWithValue("licence", licences[r.Next(licences.Count)]);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetValue(0);
            }
        }

        await SearchCeiling.DriveAsync(options.Clients, TimeSpan.FromSeconds(3), One, 1);
        return await SearchCeiling.DriveAsync(options.Clients, TimeSpan.FromSeconds(options.Seconds), One, 2);
    }
}
