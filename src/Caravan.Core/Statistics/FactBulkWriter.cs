using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Core.Statistics;

/// <summary>
/// Writes many person-dimension facts inside a bulk load's own transaction (binary COPY on PostgreSQL, a prepared
/// insert on SQLite), for loads that do not go through EF Core, such as a registry import: its records and their
/// facts commit together, as everywhere else.
/// </summary>
public static class FactBulkWriter
{
    private const string Columns = "id, kind, date, sex, age_band, region_of_origin, recorded_at";

    public static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<Fact> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(facts);
        await using var writer = await connection.BeginBinaryImportAsync($"COPY fact ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var f in facts)
        {
            writer.StartRow();
            writer.Write(f.Id, NpgsqlDbType.Uuid);
            writer.Write(f.Kind.ToString());
            writer.Write(f.Date, NpgsqlDbType.Date);
            Nullable(writer, f.Sex);
            writer.Write(f.AgeBand);
            Nullable(writer, f.RegionOfOrigin);
            writer.Write(f.RecordedAt, NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<Fact> facts)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(facts);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO fact ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        var p = Enumerable.Range(1, 7).Select(i => command.Parameters.Add("$" + i, SqliteType.Text)).ToArray();
        command.Prepare();
        foreach (var f in facts)
        {
            // As EF Core's SQLite provider stores them, so EF reads these rows like its own.
            p[0].Value = f.Id.ToString().ToUpperInvariant();
            p[1].Value = f.Kind.ToString();
            p[2].Value = f.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[3].Value = (object?)f.Sex ?? DBNull.Value;
            p[4].Value = f.AgeBand;
            p[5].Value = (object?)f.RegionOfOrigin ?? DBNull.Value;
            p[6].Value = f.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }
    }

    private static void Nullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value);
        }
    }
}
