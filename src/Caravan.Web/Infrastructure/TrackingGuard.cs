using Microsoft.Extensions.Caching.Memory;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Counts wrong tracking codes per client. After <see cref="MaxFailures"/> within the window the client is refused
/// until the window ends, so codes cannot be guessed by trying many. Right codes are never counted.
/// </summary>
public sealed class TrackingGuard(IMemoryCache cache, TimeProvider time)
{
    public const int MaxFailures = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public bool IsLockedOut(string client) =>
        cache.TryGetValue(Key(client), out Counter? counter) && counter!.Count >= MaxFailures && counter.Until > time.GetUtcNow();

    public void Failed(string client)
    {
        var counter = cache.GetOrCreate(Key(client), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            return new Counter(time.GetUtcNow() + Window);
        })!;
        Interlocked.Increment(ref counter.Count);
    }

    private static string Key(string client) => "tracking-failures:" + client;

    private sealed class Counter(DateTimeOffset until)
    {
        public int Count;

        public DateTimeOffset Until { get; } = until;
    }
}
