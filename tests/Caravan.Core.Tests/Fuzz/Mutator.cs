using System.Text;
using System.Text.Json.Nodes;

namespace Caravan.Core.Tests.Fuzz;

/// <summary>
/// A seeded mutation generator: valid seed inputs of a family are broken in the ways files and requests arrive broken
/// (flipped and lost bytes, truncation, stray quotes and separators, other encodings, formula text, huge fields and
/// numbers, deep nesting), so that every run with one seed sends the same inputs and a failure can be replayed.
/// Shared by the Core and Web test projects (linked), so both fuzz with one dictionary.
/// </summary>
internal sealed class Mutator(int seed)
{
    /// <summary>Inputs per family: CARAVAN_FUZZ_COUNT, 1,000 in ./test.sh; bench/fuzz.sh sets 10,000.</summary>
    public static int Count(int fallback = 1000) =>
        int.TryParse(Environment.GetEnvironmentVariable("CARAVAN_FUZZ_COUNT"), out var n) && n > 0 ? n : fallback;

    /// <summary>A fixed seed unless CARAVAN_FUZZ_SEED says otherwise, so ./test.sh sends the same inputs every run.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CARAVAN_FUZZ_SEED"), out var s) ? s : 180_003;

    /// <summary>Tokens that have broken parsers before: quoting, separators, encodings, formulas, magic numbers, numbers out of range.</summary>
    public static readonly string[] Tokens =
    [
        "\"", "\"\"", ",", ";", "\t", "\r", "\n", "\r\n", "\0", "\uFEFF", "\uFFFD", "\u202E", "\u200B", "𝕏", "🇺🇿", "\uD800", "Ё",
        "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "+1+1", "-2-2", "@SUM(A1)", "%PDF-1.7\n", "PK\u0003\u0004", "<html><script>alert(1)</script>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "../../etc/passwd", "%00", "%", "%%", "{", "}", "[", "]",
        "null", "true", "NaN", "Infinity", "-0", "1e309", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "79228162514264337593543950336",
        "99999999999999999999999999999999.99", "0.0000000000000000000000000001", "2026-02-30", "0001-01-01", "9999-12-31", "10000-01-01", "1900-01-00",
        "'", "\\", "\\u0000", "${jndi:ldap://x}", "' OR 1=1 --", "A1:XFD1048576",
    ];

    private readonly Random random = new(seed);

    public Random Random => random;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Token() => Pick(Tokens);

    /// <summary>A string a field might hold in a hostile file: a token, a long run, random code points or an ordinary word.</summary>
    public string Text() => random.Next(8) switch
    {
        0 => new string(Pick("aЖ9 \"'".ToCharArray()), random.Next(1, 5000)),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => char.ConvertFromUtf32(RandomCodePoint()))),
        2 => string.Empty,
        3 => " ",
        _ => Token(),
    };

    private int RandomCodePoint()
    {
        var c = random.Next(4) switch { 0 => random.Next(0, 0x80), 1 => random.Next(0x80, 0x800), 2 => random.Next(0x800, 0xD800), _ => random.Next(0x10000, 0x10FFFF) };
        return c;
    }

    /// <summary>One to four byte-level mutations of a seed input.</summary>
    public byte[] Bytes(byte[] seedInput)
    {
        var data = new List<byte>(seedInput);
        var rounds = random.Next(1, 5);
        for (var r = 0; r < rounds; r++)
        {
            Mutate(data);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(11))
        {
            case 0 when data.Count > 0: // flip a bit
                var i = random.Next(data.Count);
                data[i] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0: // a random byte
                data[random.Next(data.Count)] = (byte)random.Next(256);
                break;
            case 2: // truncate
                data.RemoveRange(at, data.Count - at);
                break;
            case 3 when data.Count > 0: // lose a range
                var from = random.Next(data.Count);
                data.RemoveRange(from, Math.Min(data.Count - from, random.Next(1, 64)));
                break;
            case 4 when data.Count > 0: // repeat a range, as a line or a row written twice
                var start = random.Next(data.Count);
                var chunk = data.GetRange(start, Math.Min(data.Count - start, random.Next(1, 256)));
                for (var k = random.Next(1, 20); k > 0; k--)
                {
                    data.InsertRange(at, chunk);
                }

                break;
            case 5: // a byte-order mark or another encoding's
                data.InsertRange(0, Pick<byte[]>([[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF], [0xC0, 0x80], [0xFF]]));
                break;
            case 6: // invalid UTF-8 in the middle
                data.InsertRange(at, Pick<byte[]>([[0xC3], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xFE]]));
                break;
            case 7: // a very long line or field
                data.InsertRange(at, Enumerable.Repeat((byte)random.Next(0x20, 0x7F), random.Next(1_000, 200_000)));
                break;
            default: // a token
                data.InsertRange(at, Encoding.UTF8.GetBytes(Token()));
                break;
        }
    }

    /// <summary>A JSON document mutated in its structure: values of the wrong type or out of range, keys lost, added or repeated, deep nesting.</summary>
    public string Json(JsonNode seedDocument)
    {
        ArgumentNullException.ThrowIfNull(seedDocument);
        var node = seedDocument.DeepClone();
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            node = MutateNode(node);
        }

        var text = node?.ToJsonString() ?? "null";
        return random.Next(5) switch
        {
            0 => Encoding.UTF8.GetString(Bytes(Encoding.UTF8.GetBytes(text))),
            1 => DuplicateKey(text),
            2 when random.Next(4) == 0 => new string('[', random.Next(65, 20_000)) + text,
            _ => text,
        };
    }

    private string DuplicateKey(string text)
    {
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? text : text.Insert(brace + 1, "\"title\":" + JsonValue.Create(Text()).ToJsonString() + ",\"title\":1,");
    }

    private JsonNode? MutateNode(JsonNode? root)
    {
        // Pick a random node (or the root) and replace it, or change its container.
        var all = new List<JsonNode?>();
        Walk(root, all);
        var target = Pick(all);
        if (target is null || target == root && random.Next(4) > 0 && root is JsonObject or JsonArray)
        {
            target = root;
        }

        if (target is JsonObject obj && obj.Count > 0 && random.Next(3) == 0)
        {
            var key = Pick(obj.Select(p => p.Key).ToList());
            if (random.Next(2) == 0)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = Value();
            }

            return root;
        }

        if (target is JsonObject extra && random.Next(3) == 0)
        {
            extra[random.Next(2) == 0 ? Text() : "unknownField"] = Value();
            return root;
        }

        if (target is JsonArray array && random.Next(3) == 0)
        {
            if (array.Count > 0 && random.Next(2) == 0)
            {
                array.Add(array[random.Next(array.Count)]?.DeepClone());
            }
            else
            {
                array.Add(Value());
            }

            return root;
        }

        var replacement = Value();
        if (target is null || target == root || target.Parent is null)
        {
            return replacement;
        }

        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray parentArray:
                parentArray[target.GetElementIndex()] = replacement;
                break;
        }

        return root;
    }

    private static void Walk(JsonNode? node, List<JsonNode?> all)
    {
        all.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Walk(child, all);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, all);
                }

                break;
        }
    }

    /// <summary>A JSON value of any type, including the ones a field does not expect.</summary>
    public JsonNode? Value() => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-30, 300)) * (random.Next(2) == 0 ? -1 : 1)),
        4 => JsonValue.Create(decimal.MaxValue),
        5 => new JsonArray(Value(), JsonValue.Create(Text())),
        6 => new JsonObject { ["a"] = JsonValue.Create(Text()) },
        7 => Deep(random.Next(10, 200)),
        8 => JsonValue.Create(random.Next(-5, 100_000)),
        _ => JsonValue.Create(Text()),
    };

    private static JsonNode Deep(int depth)
    {
        // Built from the inside out: System.Text.Json refuses more than 64 levels on reading, which is the point.
        JsonNode node = new JsonArray();
        for (var i = 0; i < Math.Min(depth, 60); i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
