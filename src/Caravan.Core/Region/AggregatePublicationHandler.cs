using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Region;

/// <summary>
/// The hub's side: keeps each country's latest publication of a table and period. The cells are stored as they
/// arrived, after the whitelist has made sure a hidden cell carries no value; a publication older than the one held is
/// ignored, so a late retry cannot roll a table back.
/// </summary>
public sealed class AggregatePublicationHandler(CaravanDbContext db, TimeProvider time) : IExchangeHandler
{
    public const string Stored = "stored";
    public const string Replaced = "replaced an earlier publication";
    public const string Older = "older than the publication held; ignored";
    public const string UnknownTable = "not a regional table; ignored";
    public const string WrongPeriod = "not a period of the table's indicator; ignored";
    public const string HiddenWithValue = "a hidden cell carries a value; ignored";

    public MessageType Type => MessageType.AggregatePublication;

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Envelope.Body;
        var table = RegionalTables.Find((string?)body["table"]);
        if (table is null)
        {
            return UnknownTable;
        }

        var period = (string?)body["period"];
        if (!RegionalTables.IsPeriodOf(table, period))
        {
            return WrongPeriod;
        }

        var array = (JsonArray)body["cells"]!;
        // The whitelist lets a value through on any cell; a hidden one that has it would undo the sender's protection.
        if (array.OfType<JsonObject>().Any(c => (string?)c["status"] != "published" && c["value"] is not null))
        {
            return HiddenWithValue;
        }

        var sentAt = message.Envelope.SentAt.UtcDateTime;
        var cells = array.ToJsonString();
        // A delivery can carry two publications of one table and period; the first is tracked but not yet saved.
        var held = db.Set<RegionalAggregate>().Local.FirstOrDefault(a => a.PartnerId == message.Partner.Id && a.Table == table.Id && a.Period == period)
            ?? await db.Set<RegionalAggregate>().FirstOrDefaultAsync(a => a.PartnerId == message.Partner.Id && a.Table == table.Id && a.Period == period, cancellationToken);
        if (held is null)
        {
            db.Add(new RegionalAggregate
            {
                PartnerId = message.Partner.Id,
                Country = message.Partner.Country,
                Table = table.Id,
                Period = period!,
                Cells = cells,
                PublishedAt = sentAt,
                ReceivedAt = time.GetUtcNow().UtcDateTime,
            });
            return Stored;
        }

        if (held.PublishedAt >= sentAt)
        {
            return Older;
        }

        held.Cells = cells;
        held.PublishedAt = sentAt;
        held.ReceivedAt = time.GetUtcNow().UtcDateTime;
        return Replaced;
    }
}
