using System.Threading.Channels;

namespace Caravan.Core.Messaging;

/// <summary>
/// Wakes the background sender when messages to partner nodes were queued or put back in line, so they leave within
/// moments instead of at the next scheduled run, and without the request that queued them waiting for a partner.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a delivery run soon; several kicks before it starts make one run.</summary>
    public void Kick() => channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryTake() => channel.Reader.TryRead(out _);
}
