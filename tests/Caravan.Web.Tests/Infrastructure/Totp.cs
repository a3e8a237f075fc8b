using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// Test oracle only: computes the RFC 6238 code an authenticator app would show for a base32 key,
/// so tests can play the part of the user's phone. The product itself uses Identity's provider.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(base32Key);
        var key = FromBase32(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Now, or, when the current 30-second step ends within two seconds, the start of the next one (after waiting for
    /// it). A code computed for this instant, or for the step before, is still current or one step old when the app
    /// checks it a moment later.
    /// </summary>
    public static async Task<DateTimeOffset> WellInsideAStepAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var left = 30 - (now.ToUnixTimeMilliseconds() % 30_000 / 1000.0);
        if (left > 2)
        {
            return now;
        }

        await Task.Delay(TimeSpan.FromSeconds(left + 0.1));
        return DateTimeOffset.UtcNow;
    }

    private static byte[] FromBase32(string input)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
