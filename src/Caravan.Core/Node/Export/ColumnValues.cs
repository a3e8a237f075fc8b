using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caravan.Core.Node.Export;

/// <summary>
/// Canonical text of stored values, the same on SQLite and PostgreSQL: ISO 8601 UTC times to the microsecond
/// (PostgreSQL's precision), invariant numbers without trailing zeros, lowercase GUIDs, base64 bytes, compact JSON with
/// ordered keys. <see cref="Null"/> stands for NULL, so that an empty string stays an empty string.
/// </summary>
public static class ColumnValues
{
    public const string Null = "\\N";

    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    private const string TimeFormat = "HH:mm:ss.ffffff";
    private const string DecimalFormat = "0.############################";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;
    private static readonly ConcurrentDictionary<Type, MethodInfo> Readers = new();

    /// <summary>Reads column <paramref name="ordinal"/> of the current row as canonical text.</summary>
    public static string Read(DbDataReader reader, int ordinal, ExportColumn column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (reader.IsDBNull(ordinal))
        {
            return Null;
        }

        switch (column.Kind)
        {
            case ColumnKind.Json:
                return CanonicalJson(reader.GetString(ordinal));
            case ColumnKind.Collection:
                var stored = ReadAs(reader, ordinal, column.ValueType);
                var model = column.Mapping.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
                return JsonSerializer.Serialize(model, column.ModelType, Json);
            case ColumnKind.Scalar:
                var text = Format(ReadAs(reader, ordinal, column.ValueType));
                return text == Null ? throw new InvalidOperationException($"Column {column.Name} holds the text {Null}, which the export keeps for NULL.") : text;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind.");
        }
    }

    /// <summary>The value to bind for canonical <paramref name="text"/>, in the model's type (the mapping converts it).</summary>
    public static object? Parse(string text, ExportColumn column)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(column);
        if (text == Null)
        {
            return null;
        }

        return column.Kind switch
        {
            ColumnKind.Json => text,
            ColumnKind.Collection => JsonSerializer.Deserialize(text, column.ModelType, Json),
            ColumnKind.Scalar => column.Mapping.Converter is { } converter
                ? converter.ConvertFromProvider(ParseScalar(text, column.ValueType))
                : ParseScalar(text, column.ValueType),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind."),
        };
    }

    public static string Format(object value) => value switch
    {
        string s => s,
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        DateTime d => Truncate(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateTimeOffset d => Truncate(d.UtcDateTime).ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString(TimeFormat, CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        decimal m => m.ToString(DecimalFormat, CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        char c => c.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No canonical text for values of type {value.GetType()}."),
    };

    public static object ParseScalar(string text, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(Guid) => Guid.ParseExact(text, "D"),
            _ when type == typeof(bool) => text switch { "true" => true, "false" => false, _ => throw new FormatException($"'{text}' is not true or false.") },
            _ when type == typeof(DateTime) => DateTime.ParseExact(text, DateTimeFormat, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.ParseExact(text, DateTimeFormat, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
            _ when type == typeof(DateOnly) => DateOnly.ParseExact(text, "yyyy-MM-dd", c),
            _ when type == typeof(TimeOnly) => TimeOnly.ParseExact(text, TimeFormat, c),
            _ when type == typeof(TimeSpan) => TimeSpan.ParseExact(text, "c", c),
            _ when type == typeof(decimal) => decimal.Parse(text, NumberStyles.Number, c),
            _ when type == typeof(double) => double.Parse(text, NumberStyles.Float, c),
            _ when type == typeof(float) => float.Parse(text, NumberStyles.Float, c),
            _ when type == typeof(byte[]) => Convert.FromBase64String(text),
            _ when type == typeof(char) => text.Length == 1 ? text[0] : throw new FormatException($"'{text}' is not one character."),
            _ when type.IsEnum => Enum.ToObject(type, long.Parse(text, NumberStyles.Integer, c)),
            _ when type == typeof(int) => int.Parse(text, NumberStyles.Integer, c),
            _ when type == typeof(long) => long.Parse(text, NumberStyles.Integer, c),
            _ when type == typeof(short) => short.Parse(text, NumberStyles.Integer, c),
            _ when type == typeof(byte) => byte.Parse(text, NumberStyles.Integer, c),
            _ => throw new NotSupportedException($"No canonical text for values of type {type}."),
        };
    }

    /// <summary>Compact JSON with object keys in ordinal order: PostgreSQL's jsonb reorders keys and spaces, SQLite keeps them.</summary>
    public static string CanonicalJson(string json) => Sort(JsonNode.Parse(json))?.ToJsonString(Json) ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(v => Sort(v?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    private static DateTime Truncate(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private static object ReadAs(DbDataReader reader, int ordinal, Type type) =>
        Readers.GetOrAdd(type, t => GetFieldValue.MakeGenericMethod(t)).Invoke(reader, [ordinal])!;
}
