using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Statistics;

/// <summary>
/// The aggregate rows of each period of an answer, asked for in ascending order. A flow's period is its own months; a
/// stock's is everything up to the period's end, so a stock keeps a running total as it goes: twelve monthly periods
/// then add each month's rows once instead of merging the whole history twelve times (the slow tail of stocks cut by
/// agency, docs/performance.md).
/// </summary>
internal sealed class PeriodSlices(IReadOnlyList<AggregateRow> rows, IReadOnlyList<(int Month, int Dimension, AggregateRow Row)> margins, bool stock)
{
    private readonly List<AggregateRow> _rows = stock ? [.. rows.OrderBy(r => r.Month)] : [.. rows];
    private readonly List<(int Month, int Dimension, AggregateRow Row)> _margins = stock ? [.. margins.OrderBy(m => m.Month)] : [.. margins];
    private readonly Dictionary<string[], CellData> _runningRows = new(StatisticsTables.KeysComparer.Instance);
    private readonly Dictionary<(int Dimension, string Key), CellData> _runningMargins = [];
    private int _nextRow;
    private int _nextMargin;
    private int _lastMonth = int.MinValue;

    /// <summary>The rows and margins of the period from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public (List<AggregateRow> Rows, List<(int Dimension, AggregateRow Row)> Margins) For(int first, int last)
    {
        if (!stock)
        {
            return ([.. _rows.Where(r => r.Month >= first && r.Month <= last)],
                [.. _margins.Where(m => m.Month >= first && m.Month <= last).Select(m => (m.Dimension, m.Row))]);
        }

        if (last < _lastMonth)
        {
            throw new InvalidOperationException("A stock's periods are read in ascending order.");
        }

        _lastMonth = last;
        for (; _nextRow < _rows.Count && _rows[_nextRow].Month <= last; _nextRow++)
        {
            var row = _rows[_nextRow];
            _runningRows[row.Keys] = _runningRows.TryGetValue(row.Keys, out var found) ? found.Add(row.Data) : row.Data;
        }

        for (; _nextMargin < _margins.Count && _margins[_nextMargin].Month <= last; _nextMargin++)
        {
            var (_, dimension, row) = _margins[_nextMargin];
            var key = (dimension, row.Keys[0]);
            _runningMargins[key] = _runningMargins.TryGetValue(key, out var found) ? found.Add(row.Data) : row.Data;
        }

        return ([.. _runningRows.Select(r => new AggregateRow(last, r.Key, r.Value))],
            [.. _runningMargins.Select(m => (m.Key.Dimension, new AggregateRow(last, [m.Key.Key], m.Value)))]);
    }
}
