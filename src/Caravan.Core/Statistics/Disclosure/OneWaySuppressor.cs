namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// Secondary suppression for categories plus their total. With the total published the hidden cells share a known
/// sum, so each can range over [0, that sum]; with the total hidden the cells are unbounded above and only the
/// total's own lower bound (the published cells' sum) matters. Both are closed forms, so no LP is needed to choose.
/// With <paramref name="hideTotal"/> the total is hidden from the start (another table of the same family has to
/// hide it), and cells are added only until the total itself is protected.
/// </summary>
internal sealed class OneWaySuppressor(
    MeasureKind kind,
    DisclosureRules rules,
    Func<CellData, bool> isSensitive,
    IReadOnlyList<CellData> cells,
    CellData total,
    bool hideTotal)
{
    public OneWayProtection Protect()
    {
        var status = cells.Select(c => c.Contributors > 0 && isSensitive(c) ? CellStatus.Suppressed : CellStatus.Published).ToArray();
        var totalStatus = total.Contributors > 0 && isSensitive(total) ? CellStatus.Suppressed
            : hideTotal ? CellStatus.SecondarySuppressed
            : CellStatus.Published;

        while (NeedsMore(status, totalStatus))
        {
            var next = SmallestPublishedCandidate(status);
            if (next >= 0)
            {
                status[next] = CellStatus.SecondarySuppressed;
            }
            else if (totalStatus == CellStatus.Published)
            {
                totalStatus = CellStatus.SecondarySuppressed;
            }
            else
            {
                break;
            }
        }

        if (rules.AuditWithSolver && !Audit(status, totalStatus))
        {
            // Hiding every non-empty cell and the total leaves each range [0, ∞), so this cannot fail the audit
            // (the total is never empty here: DisclosureControl refuses to hide an empty one).
            HideEverything(status, ref totalStatus);
            if (!Audit(status, totalStatus))
            {
                throw new InvalidOperationException("A one-way table failed its LP audit with every cell hidden.");
            }
        }

        return new OneWayProtection(status, totalStatus);
    }

    private bool NeedsMore(CellStatus[] status, CellStatus totalStatus)
    {
        var hiddenSum = 0.0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (status[i] != CellStatus.Published)
            {
                hiddenSum += (double)cells[i].Value;
            }
        }

        if (totalStatus != CellStatus.Published)
        {
            // The total's lowest value is the published cells' sum: the hidden ones must cover its downward margin.
            var interval = Interval(total);
            return hiddenSum < interval.Down - ProtectionInterval.Tolerance((double)total.Value);
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (status[i] == CellStatus.Published)
            {
                continue;
            }

            // Its highest value is the hidden sum: the other hidden cells must cover its upward margin.
            var value = (double)cells[i].Value;
            if (hiddenSum - value < Interval(cells[i]).Up - ProtectionInterval.Tolerance(value))
            {
                return true;
            }
        }

        return false;
    }

    private int SmallestPublishedCandidate(CellStatus[] status)
    {
        var best = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            // A cell worth zero adds no width to anyone's range, so it is never worth hiding.
            if (status[i] == CellStatus.Published && cells[i].Contributors > 0 && cells[i].Value > 0
                && (best < 0 || cells[i].Value < cells[best].Value))
            {
                best = i;
            }
        }

        return best;
    }

    private void HideEverything(CellStatus[] status, ref CellStatus totalStatus)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (status[i] == CellStatus.Published && cells[i].Contributors > 0)
            {
                status[i] = CellStatus.SecondarySuppressed;
            }
        }

        if (totalStatus == CellStatus.Published)
        {
            totalStatus = CellStatus.SecondarySuppressed;
        }
    }

    private bool Audit(CellStatus[] status, CellStatus totalStatus)
    {
        var all = cells.Append(total).ToArray();
        var audit = new ProtectionAudit(
            all.Select(c => (double)c.Value).ToArray(),
            all.Select(Interval).ToArray());
        audit.AddConstraint([.. Enumerable.Range(0, cells.Count).Select(i => (i, 1.0)), (cells.Count, -1.0)]);
        var hidden = status.Append(totalStatus).Select(s => s != CellStatus.Published).ToArray();
        return audit.FindUnprotected(hidden).Count == 0;
    }

    private ProtectionInterval Interval(CellData cell) => ProtectionInterval.For(kind, rules, cell.Value);
}
