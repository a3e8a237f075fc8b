using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Refuses a JSON string holding U+0000 as a malformed body (400), for every API body. PostgreSQL stores no NUL in
/// text, so such a value reached the database as a 500, in a lookup before any validation; found by the fuzz run at
/// 10,000 inputs (contract checks' licence number, the bulk API's agency reference). Query strings have
/// <c>NulQueryGuardMiddleware</c>.
/// </summary>
public sealed class NulFreeStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A string value holds the NUL character (U+0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
