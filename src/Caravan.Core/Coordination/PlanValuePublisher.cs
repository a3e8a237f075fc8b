using Caravan.Core.Data;
using Caravan.Core.Node;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Coordination;

/// <summary>
/// On a country's node: the actual value of every plan indicator linked to one of Caravan's indicators, taken from
/// the node's own published (disclosure-controlled) totals for the plan's year, and sent to the hub when it changed.
/// A count or a sum is the year's total so far; a stock is its latest value; an average is not added up, so it is
/// taken only from an annual indicator. A year with any total withheld gives no value rather than a wrong one.
/// </summary>
public sealed class PlanValuePublisher(CaravanDbContext db, StatisticsService statistics, PlanCommands commands, TimeProvider time, IOptions<NodeOptions> node)
{
    public async Task<int> PublishAsync(CancellationToken cancellationToken = default)
    {
        if (node.Value.IsHub)
        {
            return 0;
        }

        var country = node.Value.Country;
        var plans = await db.Set<ActionPlan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Indicators).ThenInclude(i => i.Values)
            .Where(p => p.Indicators.Any(i => i.Linked != null)).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sent = 0;
        foreach (var plan in plans.Where(p => p.PartyList.Contains(country)))
        {
            foreach (var indicator in plan.Indicators.Where(i => i.Linked is not null))
            {
                var actual = await ActualAsync(indicator.Linked!, plan.Year, today, cancellationToken);
                if (actual is null || indicator.Values.FirstOrDefault(v => v.Country == country)?.Actual == actual)
                {
                    continue;
                }

                var result = await commands.SetLinkedValueAsync(plan, indicator.Code, country, actual.Value, cancellationToken);
                sent += result.Sent;
            }
        }

        return sent;
    }

    private async Task<decimal?> ActualAsync(string code, int year, DateOnly today, CancellationToken cancellationToken)
    {
        var indicator = Indicators.Find(code);
        var last = Math.Min((year * 100) + 12, Periods.MonthOf(today));
        if (indicator is null || last < (year * 100) + 1 || (indicator.Measure == IndicatorMeasure.Mean && indicator.Periodicity != Periodicity.Annual))
        {
            return null;
        }

        var answer = await statistics.AnswerAsync(new StatisticsRequest(indicator, [], new Dictionary<Dimension, IReadOnlyList<string>>(), (year * 100) + 1, last, Exact: false), cancellationToken);
        var totals = answer.Observations.ToList();
        if (answer.WithheldPeriods.Count > 0 || totals.Any(o => o.Status != CellStatus.Published || o.Value is null))
        {
            return null;
        }

        return indicator.Measure switch
        {
            IndicatorMeasure.Stock => totals.OrderBy(o => o.Period, StringComparer.Ordinal).LastOrDefault()?.Value ?? 0,
            IndicatorMeasure.Mean => totals.LastOrDefault()?.Value,
            IndicatorMeasure.Count or IndicatorMeasure.Sum => totals.Sum(o => o.Value!.Value),
            _ => throw new InvalidOperationException($"No rule for {indicator.Measure}."),
        };
    }
}
