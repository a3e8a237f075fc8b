using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Exchange;

public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>
    /// How far a message's time may be from this node's clock, either way, before it is refused as stale. Long enough
    /// for ordinary clock drift and a slow network; short enough that a captured message cannot be replayed after its
    /// id has been forgotten (ids are kept for longer than this).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many messages go to a partner in one request.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a partner has to answer one delivery before it is retried later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed batch is this sender's alone. If the sending process dies mid-delivery, the batch is sent
    /// again after this; the receiver's inbox keeps it exactly-once. Longer than a request can take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the delivery worker looks for messages due without being told: retries after back-off, batches whose
    /// claim lapsed, and whatever was queued before the process started.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
