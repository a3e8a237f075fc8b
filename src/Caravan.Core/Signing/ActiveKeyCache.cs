namespace Caravan.Core.Signing;

/// <summary>
/// The active signing key, unprotected, for a short time: a verification round trip signs twice, and reading and
/// unprotecting the key for each signature was a query and a decryption each time. A rotation on this process clears
/// it at once; another replica signs with the retired key for at most <see cref="Lifetime"/>, which partners still
/// accept for the whole overlap (Signing:OverlapDays).
/// </summary>
public sealed class ActiveKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private Entry? current;

    internal Entry? Get() => Volatile.Read(ref current) is { } entry && entry.Until > time.GetUtcNow().UtcDateTime ? entry : null;

    internal Entry Set(string keyId, byte[] pkcs8)
    {
        var entry = new Entry(keyId, pkcs8, time.GetUtcNow().UtcDateTime + Lifetime);
        Volatile.Write(ref current, entry);
        return entry;
    }

    public void Clear() => Volatile.Write(ref current, null);

    internal sealed record Entry(string KeyId, byte[] Pkcs8, DateTime Until);
}
