using System.Text.Json.Nodes;

namespace Caravan.Core.Exchange;

/// <summary>One field a message body may carry: its JSON type, whether it is required, and the values or pattern it allows.</summary>
public sealed record FieldSpec(string Name, string JsonType, bool Required = true, IReadOnlyList<string>? Values = null, string? Pattern = null, int? MaxLength = null)
{
    /// <summary>For an array: the whitelist of the objects it holds, checked as strictly as a body.</summary>
    public IReadOnlyList<FieldSpec>? Items { get; init; }

    /// <summary>For an array: how many objects it may hold.</summary>
    public int? MaxItems { get; init; }
}

/// <summary>
/// The field whitelist of every message type, and the JSON Schema published for it. A body with any other field is
/// refused before signing, not trimmed: a sender that tries to send more than its agreement allows is a bug to see,
/// not to hide. No message carries a name, a birth date, a phone number or a document number; a worker is named only by
/// the pseudonymous reference on their departure card, or by a keyed hash of the passport number under a key the two
/// nodes agree.
/// </summary>
public static class MessageFields
{
    public const int SchemaVersion = 1;

    private const string Country = "^[A-Z]{2}$";
    private const string Day = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private const string Code = "^[A-Za-z0-9._-]{1,40}$";

    /// <summary>
    /// One cell of a published table: the code it is for ("_T" for the total), its value when published, and its status.
    /// A hidden cell has no value at all, so a publication cannot carry what the publishing node's disclosure control hid.
    /// </summary>
    private static readonly IReadOnlyList<FieldSpec> AggregateCell =
    [
        new("code", "string", Pattern: "^[A-Za-z0-9_.-]{1,20}$"),
        new("value", "number", Required: false),
        new("status", "string", Values: ["published", "suppressed", "secondary"]),
    ];

    public static readonly IReadOnlyDictionary<MessageType, IReadOnlyList<FieldSpec>> Allowed = new Dictionary<MessageType, IReadOnlyList<FieldSpec>>
    {
        [MessageType.EmploymentRegistered] =
        [
            new("workerRef", "string", MaxLength: 100),
            new("refKind", "string", Values: ["departureCard", "passportHash"]),
            new("destination", "string", Pattern: Country),
            new("region", "string", Required: false, MaxLength: 10),
            new("occupation", "string", Required: false, Pattern: "^[0-9]{1,4}$"),
            new("permitKind", "string", Values: ["workPermit", "patent", "contract"]),
            new("employerName", "string", Required: false, MaxLength: 200),
            new("registeredOn", "string", Pattern: Day),
        ],
        [MessageType.VerificationRequest] =
        [
            new("subject", "string", Values: ["certificate", "licence", "departure"]),
            new("code", "string", MaxLength: 40),
            new("destination", "string", Required: false, Pattern: Country),
        ],
        [MessageType.VerificationAnswer] =
        [
            new("requestId", "string", MaxLength: 40),
            new("answer", "string", Values: ["valid", "notValid", "unknown"]),
        ],
        [MessageType.CaseReferral] =
        [
            new("caseRef", "string", MaxLength: 40),
            new("category", "string", MaxLength: 40),
            new("destination", "string", Pattern: Country),
            new("city", "string", Required: false, MaxLength: 100),
            new("employerName", "string", Required: false, MaxLength: 200),
            new("summary", "string", MaxLength: 4000),
            new("language", "string", MaxLength: 10),
        ],
        [MessageType.CaseStatus] =
        [
            new("caseRef", "string", MaxLength: 40),
            new("status", "string", Values: ["received", "inProgress", "resolved", "closed"]),
            new("on", "string", Pattern: Day),
        ],
        [MessageType.AggregatePublication] =
        [
            new("table", "string", MaxLength: 100),
            new("period", "string", MaxLength: 20),
            new("cells", "array") { Items = AggregateCell, MaxItems = 2000 },
        ],
        [MessageType.ActionPlanUpdate] =
        [
            new("plan", "string", Pattern: Code),
            new("kind", "string", Values: ["plan", "activity", "part", "indicator", "value", "recommendation", "followUp"]),
            new("item", "string", Required: false, Pattern: Code),
            new("title", "string", Required: false, MaxLength: 300),
            new("parties", "string", Required: false, Pattern: "^[A-Z]{2}(,[A-Z]{2}){0,9}$"),
            new("year", "number", Required: false),
            new("country", "string", Required: false, Pattern: Country),
            new("lead", "string", Required: false, MaxLength: 200),
            new("deadline", "string", Required: false, Pattern: Day),
            new("status", "string", Required: false, Values: ["planned", "inProgress", "done", "delayed", "cancelled"]),
            new("notes", "string", Required: false, MaxLength: 2000),
            new("meeting", "string", Required: false, MaxLength: 200),
            new("text", "string", Required: false, MaxLength: 2000),
            new("unit", "string", Required: false, MaxLength: 40),
            new("baseline", "number", Required: false),
            new("target", "number", Required: false),
            new("linked", "string", Required: false, MaxLength: 100),
            new("value", "number", Required: false),
            new("on", "string", Pattern: Day),
        ],
    };

    /// <summary>What is wrong with a body for its type: fields not on the whitelist, missing required ones, wrong kinds of value.</summary>
    public static IReadOnlyList<string> Problems(MessageType type, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = new List<string>();
        Check(type, Allowed[type], body, string.Empty, problems);
        return problems;
    }

    private static void Check(MessageType type, IReadOnlyList<FieldSpec> specs, JsonObject body, string prefix, List<string> problems)
    {
        foreach (var (name, _) in body)
        {
            if (!specs.Any(s => s.Name == name))
            {
                problems.Add($"field '{prefix}{name}' is not allowed in {type}");
            }
        }

        foreach (var spec in specs)
        {
            var value = body[spec.Name];
            var name = prefix + spec.Name;
            if (value is null)
            {
                if (spec.Required)
                {
                    problems.Add($"field '{name}' is required");
                }

                continue;
            }

            var kind = value.GetValueKind();
            var ok = spec.JsonType switch
            {
                "string" => kind == System.Text.Json.JsonValueKind.String,
                "number" => kind == System.Text.Json.JsonValueKind.Number,
                "array" => kind == System.Text.Json.JsonValueKind.Array,
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"field '{name}' must be a {spec.JsonType}");
                continue;
            }

            if (kind == System.Text.Json.JsonValueKind.Array)
            {
                CheckItems(type, spec, value.AsArray(), name, problems);
            }
            else if (kind == System.Text.Json.JsonValueKind.String)
            {
                var text = value.GetValue<string>();
                if (spec.Values is { } values && !values.Contains(text))
                {
                    problems.Add($"field '{name}' must be one of {string.Join(", ", values)}");
                }

                if (spec.Pattern is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                {
                    problems.Add($"field '{name}' does not match {pattern}");
                }

                if (spec.MaxLength is { } max && text.Length > max)
                {
                    problems.Add($"field '{name}' is longer than {max}");
                }
            }
        }
    }

    private static void CheckItems(MessageType type, FieldSpec spec, JsonArray items, string name, List<string> problems)
    {
        if (spec.MaxItems is { } most && items.Count > most)
        {
            problems.Add($"field '{name}' holds more than {most} items");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (spec.Items is null || items[i] is not JsonObject item)
            {
                problems.Add($"field '{name}[{i}]' must be an object of the published schema");
                continue;
            }

            Check(type, spec.Items, item, $"{name}[{i}].", problems);
        }
    }

    /// <summary>The JSON Schema (2020-12) of a message type's body: exactly its whitelist, nothing else allowed.</summary>
    public static JsonObject Schema(MessageType type, Uri baseUrl)
    {
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = new Uri(baseUrl, $"/api/v1/exchange/schemas/{type}/v{SchemaVersion}").AbsoluteUri,
            ["title"] = type.ToString(),
            ["type"] = "object",
            ["properties"] = Properties(Allowed[type]),
            ["required"] = Required(Allowed[type]),
            ["additionalProperties"] = false,
        };
    }

    private static JsonArray Required(IReadOnlyList<FieldSpec> specs) => new([.. specs.Where(s => s.Required).Select(s => JsonValue.Create(s.Name))]);

    private static JsonObject Properties(IReadOnlyList<FieldSpec> specs)
    {
        var properties = new JsonObject();
        foreach (var spec in specs)
        {
            var property = new JsonObject { ["type"] = spec.JsonType };
            if (spec.Values is { } values)
            {
                property["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }

            if (spec.Pattern is { } pattern)
            {
                property["pattern"] = pattern;
            }

            if (spec.MaxLength is { } max)
            {
                property["maxLength"] = max;
            }

            if (spec.Items is { } items)
            {
                property["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = Properties(items),
                    ["required"] = Required(items),
                    ["additionalProperties"] = false,
                };
            }

            if (spec.MaxItems is { } most)
            {
                property["maxItems"] = most;
            }

            properties[spec.Name] = property;
        }

        return properties;
    }
}
