using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Caravan.Core.Exchange;

/// <summary>
/// A message between nodes as it is signed: who sends it to whom, under which agreement and for what purpose, when, and
/// its body. The id stays the same through every retry, so the receiving inbox can process it exactly once; the time is
/// set when each attempt is signed, so a message retried after an outage is not refused as stale.
/// </summary>
public sealed record Envelope(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("type")] MessageType Type,
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("agreement")] string Agreement,
    [property: JsonPropertyName("purpose")] ExchangePurpose Purpose,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("sentAt")] DateTimeOffset SentAt,
    [property: JsonPropertyName("body")] JsonObject Body)
{
    /// <summary>The JWS "typ" of every message between nodes.</summary>
    public const string TokenType = "caravan-message+jwt";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a signed payload; null when it is not a whole envelope (a missing field, an unknown type or purpose).</summary>
    public static Envelope? Parse(JsonElement payload)
    {
        try
        {
            var envelope = payload.Deserialize<Envelope>(Json);
            return envelope is { Body: not null, Agreement: not null, From: not null, To: not null }
                && envelope.Id != Guid.Empty && Enum.IsDefined(envelope.Type) && Enum.IsDefined(envelope.Purpose)
                ? envelope
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Node addresses compare without case and without a trailing slash: they name the node, not a page.</summary>
    public static string Address(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();
    }

    public static string Address(string url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? Address(parsed) : url.Trim().TrimEnd('/').ToLowerInvariant();
}
