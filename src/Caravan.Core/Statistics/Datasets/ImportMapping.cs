using System.Text.Json;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>What a column of an uploaded table holds.</summary>
public enum ColumnRole
{
    Ignore,
    Date,
    Origin,
    Region,
    Destination,
    Sex,
    AgeBand,

    /// <summary>The figure, in a table of one row per observation.</summary>
    Value,

    /// <summary>A figure whose header cell says one dimension's value: periods, sexes or ages across the columns (wide).</summary>
    HeaderValue,
}

/// <summary>The dimension that a wide table's header cells hold.</summary>
public enum HeaderDimension
{
    Date,
    Sex,
    AgeBand,
    Destination,
}

/// <summary>
/// How an analyst says to read a table: the header row, each column's role, and values for dimensions the table
/// leaves to its title ("Census 2026", "citizens of Uzbekistan"). Rows above the header are the table's title and
/// notes; rows below the last figure are its footnotes.
/// </summary>
public sealed record ImportMapping
{
    /// <summary>1-based, as the spreadsheet shows it.</summary>
    public int HeaderRow { get; init; } = 1;

    public IReadOnlyList<ColumnRole> Columns { get; init; } = [];

    public HeaderDimension HeaderHolds { get; init; } = HeaderDimension.Date;

    /// <summary>The reference date for a table with no date column: "2026", "2026-03-15".</summary>
    public string? Date { get; init; }

    /// <summary>The country of origin for a table with no origin column; the node's country by default.</summary>
    public string? Origin { get; init; }

    /// <summary>The destination for a table with no destination column; none means "abroad, anywhere".</summary>
    public string? Destination { get; init; }

    public char DecimalSeparator { get; init; } = '.';

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportMapping? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ImportMapping>(json, Json);
}

/// <summary>Names an analyst mapped by hand to a code, by kind ("country" or "region") and the name as the file writes it.</summary>
public sealed class HandMappedNames
{
    public const string Country = "country";
    public const string Region = "region";

    public Dictionary<string, string> Codes { get; init; } = new(StringComparer.Ordinal);

    public static string Key(string kind, string name) => kind + ":" + CountryMatcher.Normalise(name);

    public string? Find(string kind, string name) => Codes.GetValueOrDefault(Key(kind, name));

    public void Set(string kind, string name, string code) => Codes[Key(kind, name)] = code;

    public string ToJson() => JsonSerializer.Serialize(Codes);

    public static HandMappedNames FromJson(string? json) => new()
    {
        Codes = string.IsNullOrEmpty(json) ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, string>>(json)!, StringComparer.Ordinal),
    };
}
