using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Region;

/// <summary>What a publication run did: the messages queued for the hubs, and the periods unchanged since the last run.</summary>
public sealed record PublicationResult(int Hubs, int Queued, int Unchanged);

/// <summary>
/// A country node's side of the regional hub: each regional table, as the node's own statistics service answers it
/// with disclosure control, goes to every hub on the trust list, one message per period. Periods whose protected
/// figures are unchanged since the last run are not sent again. Runs after each statistics fold and on demand.
/// </summary>
public sealed class AggregatePublisher(CaravanDbContext db, StatisticsService statistics, TrustListQueries partners, ExchangeOutbox outbox, TimeProvider time, IOptions<NodeOptions> node)
{
    public async Task<PublicationResult> PublishAsync(CancellationToken cancellationToken = default)
    {
        if (node.Value.IsHub)
        {
            return new PublicationResult(0, 0, 0);
        }

        var hubs = (await partners.SendingAsync(MessageType.AggregatePublication, cancellationToken)).Where(p => p.IsHub).ToList();
        if (hubs.Count == 0)
        {
            return new PublicationResult(0, 0, 0);
        }

        var ids = hubs.Select(h => h.Id).ToList();
        var sent = await db.Set<PublishedAggregate>().Where(p => ids.Contains(p.PartnerId))
            .ToDictionaryAsync(p => (p.PartnerId, p.Table, p.Period), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var start = today.AddMonths(-(RegionalTables.WindowMonths - 1));
        var (queued, unchanged) = (0, 0);
        foreach (var table in RegionalTables.All)
        {
            var request = new StatisticsRequest(table.Definition, [table.Dimension], new Dictionary<Dimension, IReadOnlyList<string>>(),
                Periods.MonthOf(start), Periods.MonthOf(today), Exact: false);
            var answer = await statistics.AnswerAsync(request, cancellationToken);
            foreach (var period in answer.Observations.GroupBy(o => o.Period))
            {
                var body = Body(table, period.Key, period);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
                foreach (var hub in hubs)
                {
                    if (sent.TryGetValue((hub.Id, table.Id, period.Key), out var last) && last.Hash == hash)
                    {
                        unchanged++;
                        continue;
                    }

                    var result = await outbox.AddAsync(hub.Id, MessageType.AggregatePublication, (JsonObject)body.DeepClone(), cancellationToken);
                    if (!result.Queued)
                    {
                        throw new InvalidOperationException($"The {table.Id} table for {period.Key} could not be queued: {result.Decision} {string.Join("; ", result.Problems)}");
                    }

                    if (last is null)
                    {
                        last = new PublishedAggregate { PartnerId = hub.Id, Table = table.Id, Period = period.Key, Hash = hash };
                        db.Add(last);
                        sent[(hub.Id, table.Id, period.Key)] = last;
                    }

                    last.Hash = hash;
                    last.PublishedAt = now;
                    queued++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued > 0)
        {
            outbox.Send();
        }

        return new PublicationResult(hubs.Count, queued, unchanged);
    }

    /// <summary>A period's table on the wire: hidden cells carry their status and no value.</summary>
    private static JsonObject Body(RegionalTable table, string period, IEnumerable<Observation> observations)
    {
        var cells = new JsonArray();
        foreach (var o in observations)
        {
            var cell = new JsonObject { ["code"] = o.Codes[0] };
            if (o.Value is { } value && o.Status == Statistics.Disclosure.CellStatus.Published)
            {
                cell["value"] = value;
            }

            cell["status"] = RegionalTables.StatusName(o.Status);
            cells.Add(cell);
        }

        return new JsonObject { ["table"] = table.Id, ["period"] = period, ["cells"] = cells };
    }
}
