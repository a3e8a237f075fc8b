namespace Caravan.Core.Messaging;

/// <summary>Every minute: sends what is due, including retries after back-off and messages whose sender died mid-claim.</summary>
public sealed class OutboxJob(OutboxDelivery delivery)
{
    public const string Id = "outbox-delivery";

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        // Batches until nothing is due, so a backlog after a gateway outage drains in one run.
        while (await delivery.DeliverDueAsync(200, cancellationToken) > 0)
        {
        }
    }
}
