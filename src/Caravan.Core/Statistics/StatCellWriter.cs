using Caravan.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Core.Statistics;

/// <summary>
/// Adds folded totals to the stored cells in the current transaction: binary COPY into a temporary table and one
/// INSERT … ON CONFLICT on PostgreSQL, a prepared upsert on SQLite. Counts and sums add; the top two contributions
/// are the top two of both pairs.
/// </summary>
public sealed class StatCellWriter(CaravanDbContext db)
{
    private const string KeyColumns = "indicator, month, sex, age_band, region, destination, occupation, agency, category";
    private const string Columns = KeyColumns + ", contributors, value, largest, second_largest";

    public async Task MergeAsync(IReadOnlyDictionary<CellKey, CellTotals> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await MergePostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), cells, cancellationToken);
        }
        else
        {
            MergeSqlite((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(), cells);
        }
    }

    private static async Task MergePostgresAsync(NpgsqlConnection connection, IReadOnlyDictionary<CellKey, CellTotals> cells, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS stat_cell_in (LIKE stat_cell INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY stat_cell_in ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (k, t) in cells)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(k.Indicator, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Month, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(k.Sex, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.AgeBand, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Region, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Destination, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Occupation, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Agency, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(k.Category, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(t.Contributors, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(t.Value, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(t.Largest, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(t.SecondLargest, NpgsqlDbType.Numeric, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var merge = new NpgsqlCommand(
            $"""
            INSERT INTO stat_cell ({Columns}) SELECT {Columns} FROM stat_cell_in
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
              contributors = stat_cell.contributors + excluded.contributors,
              value = stat_cell.value + excluded.value,
              largest = GREATEST(stat_cell.largest, excluded.largest),
              second_largest = GREATEST(LEAST(stat_cell.largest, excluded.largest), stat_cell.second_largest, excluded.second_largest)
            """, connection);
        merge.CommandTimeout = 0;
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void MergeSqlite(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyDictionary<CellKey, CellTotals> cells)
    {
        // Decimals are TEXT in SQLite, so compare and add them as numbers, not strings.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            INSERT INTO stat_cell ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT ({KeyColumns}) DO UPDATE SET
              contributors = stat_cell.contributors + excluded.contributors,
              value = CAST(stat_cell.value AS REAL) + CAST(excluded.value AS REAL),
              largest = max(CAST(stat_cell.largest AS REAL), CAST(excluded.largest AS REAL)),
              second_largest = max(min(CAST(stat_cell.largest AS REAL), CAST(excluded.largest AS REAL)), CAST(stat_cell.second_largest AS REAL), CAST(excluded.second_largest AS REAL))
            """;
        var p = new SqliteParameter[13];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = command.Parameters.Add(new SqliteParameter("$" + (i + 1), null));
        }

        command.Prepare();
        foreach (var (k, t) in cells)
        {
            p[0].Value = k.Indicator;
            p[1].Value = k.Month;
            p[2].Value = k.Sex;
            p[3].Value = k.AgeBand;
            p[4].Value = k.Region;
            p[5].Value = k.Destination;
            p[6].Value = k.Occupation;
            p[7].Value = k.Agency;
            p[8].Value = k.Category;
            p[9].Value = t.Contributors;
            p[10].Value = t.Value;
            p[11].Value = t.Largest;
            p[12].Value = t.SecondLargest;
            command.ExecuteNonQuery();
        }
    }
}
