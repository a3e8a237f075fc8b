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
    private static readonly Table<CellKey> Cells = new(
        "stat_cell",
        ["indicator", "month", "sex", "age_band", "region", "destination", "occupation", "agency", "category"],
        k => [k.Indicator, k.Month, k.Sex, k.AgeBand, k.Region, k.Destination, k.Occupation, k.Agency, k.Category]);

    private static readonly Table<PairKey> Pairs = new(
        "stat_pair",
        ["indicator", "grouping", "month", "key1", "key2"],
        k => [k.Indicator, k.Grouping, k.Month, k.Key1, k.Key2]);

    public Task MergeAsync(IReadOnlyDictionary<CellKey, CellTotals> cells, CancellationToken cancellationToken = default) => MergeAsync(Cells, cells, cancellationToken);

    public Task MergeAsync(IReadOnlyDictionary<PairKey, CellTotals> pairs, CancellationToken cancellationToken = default) => MergeAsync(Pairs, pairs, cancellationToken);

    private async Task MergeAsync<TKey>(Table<TKey> table, IReadOnlyDictionary<TKey, CellTotals> rows, CancellationToken cancellationToken)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await MergePostgresAsync((NpgsqlConnection)db.Database.GetDbConnection(), table, rows, cancellationToken);
        }
        else
        {
            MergeSqlite((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(), table, rows);
        }
    }

    private static async Task MergePostgresAsync<TKey>(NpgsqlConnection connection, Table<TKey> table, IReadOnlyDictionary<TKey, CellTotals> rows, CancellationToken cancellationToken)
        where TKey : notnull
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {table.Name}_in (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table.Name}_in ({table.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (k, t) in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                foreach (var value in table.Keys(k))
                {
                    if (value is int month)
                    {
                        await copy.WriteAsync(month, NpgsqlDbType.Integer, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync((string)value, NpgsqlDbType.Varchar, cancellationToken);
                    }
                }

                await copy.WriteAsync(t.Contributors, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(t.Value, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(t.Largest, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(t.SecondLargest, NpgsqlDbType.Numeric, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var t0 = table.Name;
        await using var merge = new NpgsqlCommand(
            $"""
            INSERT INTO {t0} ({table.Columns}) SELECT {table.Columns} FROM {t0}_in
            ON CONFLICT ({table.KeyColumns}) DO UPDATE SET
              contributors = {t0}.contributors + excluded.contributors,
              value = {t0}.value + excluded.value,
              largest = GREATEST({t0}.largest, excluded.largest),
              second_largest = GREATEST(LEAST({t0}.largest, excluded.largest), {t0}.second_largest, excluded.second_largest)
            """, connection);
        merge.CommandTimeout = 0;
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void MergeSqlite<TKey>(SqliteConnection connection, SqliteTransaction? transaction, Table<TKey> table, IReadOnlyDictionary<TKey, CellTotals> rows)
        where TKey : notnull
    {
        // Decimals are TEXT in SQLite, so compare and add them as numbers, not strings.
        var t0 = table.Name;
        var count = table.KeyCount + 4;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            INSERT INTO {t0} ({table.Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, count).Select(i => "$" + i))})
            ON CONFLICT ({table.KeyColumns}) DO UPDATE SET
              contributors = {t0}.contributors + excluded.contributors,
              value = CAST({t0}.value AS REAL) + CAST(excluded.value AS REAL),
              largest = max(CAST({t0}.largest AS REAL), CAST(excluded.largest AS REAL)),
              second_largest = max(min(CAST({t0}.largest AS REAL), CAST(excluded.largest AS REAL)), CAST({t0}.second_largest AS REAL), CAST(excluded.second_largest AS REAL))
            """;
        var p = new SqliteParameter[count];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = command.Parameters.Add(new SqliteParameter("$" + (i + 1), null));
        }

        command.Prepare();
        foreach (var (k, t) in rows)
        {
            var keys = table.Keys(k);
            for (var i = 0; i < keys.Length; i++)
            {
                p[i].Value = keys[i];
            }

            p[table.KeyCount].Value = t.Contributors;
            p[table.KeyCount + 1].Value = t.Value;
            p[table.KeyCount + 2].Value = t.Largest;
            p[table.KeyCount + 3].Value = t.SecondLargest;
            command.ExecuteNonQuery();
        }
    }

    private sealed class Table<TKey>(string name, string[] keyColumns, Func<TKey, object[]> keys)
    {
        public string Name { get; } = name;

        public string KeyColumns { get; } = string.Join(", ", keyColumns);

        public string Columns { get; } = string.Join(", ", keyColumns) + ", contributors, value, largest, second_largest";

        public int KeyCount { get; } = keyColumns.Length;

        public object[] Keys(TKey key) => keys(key);
    }
}
