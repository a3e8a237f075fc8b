using System.Data.Common;
using System.Globalization;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caravan.Core.Statistics;

/// <summary>One row read from the aggregates: a month, the stored value of each asked dimension, and its totals.</summary>
public sealed record AggregateRow(int Month, string[] Keys, CellData Data);

/// <summary>
/// Reads <see cref="StatCell"/>s grouped by month and the asked dimensions; nothing else is ever read for a published
/// figure. Only the aggregates are read, never the facts or the registries.
/// </summary>
public sealed class StatisticsReader(CaravanDbContext db)
{
    /// <summary>The stored column of a dimension: its id, but for age, which is stored as its band.</summary>
    public static string Column(Dimension dimension) => dimension == Dimension.AgeBand ? "age_band" : Codelists.Id(dimension);

    /// <summary>The month an opening balance is dated: before any real month.</summary>
    public const int OpeningMonth = 0;

    /// <summary>
    /// Rows of the indicator between two months, grouped by month and <paramref name="dimensions"/>, keeping only the
    /// stored values in <paramref name="filters"/> (pass none for a protected answer: its table is protected whole).
    /// With <paramref name="openingBalance"/>, every earlier month is added up as well, into one row per cell dated
    /// <see cref="OpeningMonth"/>: a stock needs its whole history, but not month by month. Only counts may ask for
    /// it, since the largest contributions of merged rows are not kept.
    /// </summary>
    public async Task<List<AggregateRow>> ReadAsync(
        string indicator, IReadOnlyList<Dimension> dimensions, int firstMonth, int lastMonth,
        IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, bool openingBalance = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(filters);
        if (dimensions.Count <= 2)
        {
            return await ReadPairsAsync(indicator, dimensions, firstMonth, lastMonth, filters, openingBalance, cancellationToken);
        }

        var sqlite = !db.Database.IsNpgsql();
        // Decimals are TEXT in SQLite: add and compare them as numbers.
        string Num(string column) => sqlite ? $"CAST({column} AS REAL)" : column;
        var columns = string.Concat(dimensions.Select(d => ", " + Column(d)));
        var month = openingBalance ? $"CASE WHEN month < @first THEN {OpeningMonth} ELSE month END" : "month";
        var sql = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"SELECT {month}{columns}, SUM(contributors), SUM({Num("value")}), MAX({Num("largest")}), MAX({Num("second_largest")}), COUNT(*) FROM stat_cell WHERE indicator = @indicator AND month {(openingBalance ? "<= @last" : "BETWEEN @first AND @last")}"));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Add(command, "@indicator", indicator);
        Add(command, "@first", firstMonth);
        Add(command, "@last", lastMonth);
        var n = 0;
        foreach (var (dimension, values) in filters.OrderBy(f => f.Key))
        {
            var names = values.Select(v => Add(command, $"@f{n++}", v)).ToList();
            sql.Append(CultureInfo.InvariantCulture, $" AND {Column(dimension)} IN ({string.Join(", ", names)})");
        }

        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY {month}{columns}");
        command.CommandText = sql.ToString();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var rows = new List<AggregateRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var k = dimensions.Count;
        while (await reader.ReadAsync(cancellationToken))
        {
            var keys = new string[k];
            for (var i = 0; i < k; i++)
            {
                keys[i] = reader.GetString(1 + i);
            }

            rows.Add(new AggregateRow(reader.GetInt32(0), keys, DataAt(reader, k + 1)));
        }

        return rows;
    }

    /// <summary>
    /// The one-way margins of every dimension in one round trip: rows of (month, index of the dimension, stored value).
    /// Disclosure control needs them all, because one grand total is shared by every one-way table of a period.
    /// </summary>
    /// <remarks><paramref name="openingBalance"/> as in <see cref="ReadAsync"/>.</remarks>
    public async Task<List<(int Month, int Dimension, AggregateRow Row)>> ReadMarginsAsync(
        string indicator, IReadOnlyList<Dimension> dimensions, int firstMonth, int lastMonth, bool openingBalance = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var result = new List<(int, int, AggregateRow)>();
        if (dimensions.Count == 0)
        {
            return result;
        }

        var ids = dimensions.Select(d => Groupings.Id([d])).ToList();
        await using var command = await CommandAsync(cancellationToken);
        var names = ids.Select((id, i) => Add(command, $"@g{i}", id)).ToList();
        var where = $"indicator = @indicator AND grouping IN ({string.Join(", ", names)})";
        command.CommandText = $"SELECT month, grouping, key1, contributors, value, largest, second_largest FROM stat_pair WHERE {where} AND month BETWEEN @first AND @last"
            + (openingBalance ? $" UNION ALL {Opening("grouping, key1")} WHERE {where} AND month < @first GROUP BY grouping, key1" : string.Empty);
        Add(command, "@indicator", indicator);
        Add(command, "@first", firstMonth);
        Add(command, "@last", lastMonth);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var month = reader.GetInt32(0);
            result.Add((month, ids.IndexOf(reader.GetString(1)), new AggregateRow(month, [reader.GetString(2)], StoredAt(reader, 3))));
        }

        return result;
    }

    /// <summary>A table of at most two dimensions, read from its own pre-aggregated rows: one row per month and cell.</summary>
    private async Task<List<AggregateRow>> ReadPairsAsync(
        string indicator, IReadOnlyList<Dimension> dimensions, int firstMonth, int lastMonth,
        IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, bool openingBalance, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(cancellationToken);
        var where = new StringBuilder("indicator = @indicator AND grouping = @grouping");
        Add(command, "@indicator", indicator);
        Add(command, "@grouping", Groupings.Id(dimensions));
        Add(command, "@first", firstMonth);
        Add(command, "@last", lastMonth);
        var n = 0;
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (filters.TryGetValue(dimensions[i], out var values))
            {
                var names = values.Select(v => Add(command, $"@f{n++}", v)).ToList();
                where.Append(CultureInfo.InvariantCulture, $" AND key{i + 1} IN ({string.Join(", ", names)})");
            }
        }

        command.CommandText = $"SELECT month, key1, key2, contributors, value, largest, second_largest FROM stat_pair WHERE {where} AND month BETWEEN @first AND @last"
            + (openingBalance ? $" UNION ALL {Opening("key1, key2")} WHERE {where} AND month < @first GROUP BY key1, key2" : string.Empty);
        var rows = new List<AggregateRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string[] keys = dimensions.Count switch { 0 => [], 1 => [reader.GetString(1)], _ => [reader.GetString(1), reader.GetString(2)] };
            rows.Add(new AggregateRow(reader.GetInt32(0), keys, StoredAt(reader, 3)));
        }

        return rows;
    }

    /// <summary>The head of a query adding up earlier months into one row per <paramref name="keys"/>, shaped like a stored row.</summary>
    private string Opening(string keys)
    {
        var sqlite = !db.Database.IsNpgsql();
        string Num(string column) => sqlite ? $"CAST({column} AS REAL)" : column;
        return $"SELECT {OpeningMonth}, {keys}, SUM(contributors), SUM({Num("value")}), MAX({Num("largest")}), MAX({Num("second_largest")}) FROM stat_pair";
    }

    private async Task<DbCommand> CommandAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>A stored row's totals from column <paramref name="at"/>: contributors, sum, largest, second largest, all exact.</summary>
    private static CellData StoredAt(DbDataReader reader, int at) => new(
        Convert.ToInt64(reader.GetValue(at), CultureInfo.InvariantCulture),
        Dec(reader.GetValue(at + 1)),
        Dec(reader.GetValue(at + 2)),
        Dec(reader.GetValue(at + 3)));

    /// <summary>SQLite keeps decimals as text, and a sum it computed as a real may be written with an exponent.</summary>
    private static decimal Dec(object value) => value is string text
        ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
        : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    /// <summary>The totals of a grouped row from column <paramref name="at"/>: contributors, sum, largest, second largest, rows merged.</summary>
    private static CellData DataAt(DbDataReader reader, int at)
    {
        var largest = Dec(reader.GetValue(at + 2));
        var second = Dec(reader.GetValue(at + 3));
        var merged = Convert.ToInt64(reader.GetValue(at + 4), CultureInfo.InvariantCulture);
        // The second largest of several stored rows is not stored; the largest of them bounds it from above, which
        // can only make the dominance rule stricter.
        return new CellData(
            Convert.ToInt64(reader.GetValue(at), CultureInfo.InvariantCulture),
            decimal.Round(Dec(reader.GetValue(at + 1)), 6),
            largest,
            merged > 1 ? largest : second);
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
        return name;
    }
}
