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
    public static string Column(Dimension dimension) => dimension switch
    {
        Dimension.Sex => "sex",
        Dimension.AgeBand => "age_band",
        Dimension.Region => "region",
        Dimension.Destination => "destination",
        Dimension.Occupation => "occupation",
        Dimension.Agency => "agency",
        Dimension.Category => "category",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>
    /// Rows of the indicator between two months, grouped by month and <paramref name="dimensions"/>, keeping only the
    /// stored values in <paramref name="filters"/> (pass none for a protected answer: its table is protected whole).
    /// </summary>
    public async Task<List<AggregateRow>> ReadAsync(
        string indicator, IReadOnlyList<Dimension> dimensions, int firstMonth, int lastMonth,
        IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(filters);
        var sqlite = !db.Database.IsNpgsql();
        // Decimals are TEXT in SQLite: add and compare them as numbers.
        string Num(string column) => sqlite ? $"CAST({column} AS REAL)" : column;
        var columns = string.Concat(dimensions.Select(d => ", " + Column(d)));
        var sql = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"SELECT month{columns}, SUM(contributors), SUM({Num("value")}), MAX({Num("largest")}), MAX({Num("second_largest")}), COUNT(*) FROM stat_cell WHERE indicator = @indicator AND month BETWEEN @first AND @last"));
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

        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY month{columns}");
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
    public async Task<List<(int Month, int Dimension, AggregateRow Row)>> ReadMarginsAsync(
        string indicator, IReadOnlyList<Dimension> dimensions, int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var result = new List<(int, int, AggregateRow)>();
        if (dimensions.Count == 0)
        {
            return result;
        }

        var sqlite = !db.Database.IsNpgsql();
        string Num(string column) => sqlite ? $"CAST({column} AS REAL)" : column;
        var sql = string.Join(" UNION ALL ", dimensions.Select((d, i) => string.Create(CultureInfo.InvariantCulture,
            $"SELECT month, {i} AS d, {Column(d)} AS k, SUM(contributors), SUM({Num("value")}), MAX({Num("largest")}), MAX({Num("second_largest")}), COUNT(*) FROM stat_cell WHERE indicator = @indicator AND month BETWEEN @first AND @last GROUP BY month, {Column(d)}")));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        Add(command, "@indicator", indicator);
        Add(command, "@first", firstMonth);
        Add(command, "@last", lastMonth);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetInt32(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), new AggregateRow(reader.GetInt32(0), [reader.GetString(2)], DataAt(reader, 3))));
        }

        return result;
    }

    /// <summary>The totals of a grouped row from column <paramref name="at"/>: contributors, sum, largest, second largest, rows merged.</summary>
    private static CellData DataAt(DbDataReader reader, int at)
    {
        var largest = Convert.ToDecimal(reader.GetValue(at + 2), CultureInfo.InvariantCulture);
        var second = Convert.ToDecimal(reader.GetValue(at + 3), CultureInfo.InvariantCulture);
        var merged = Convert.ToInt64(reader.GetValue(at + 4), CultureInfo.InvariantCulture);
        // The second largest of several stored rows is not stored; the largest of them bounds it from above, which
        // can only make the dominance rule stricter.
        return new CellData(
            Convert.ToInt64(reader.GetValue(at), CultureInfo.InvariantCulture),
            decimal.Round(Convert.ToDecimal(reader.GetValue(at + 1), CultureInfo.InvariantCulture), 6),
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
