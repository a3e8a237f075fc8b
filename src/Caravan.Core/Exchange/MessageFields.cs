using System.Text.Json.Nodes;

namespace Caravan.Core.Exchange;

/// <summary>One field a message body may carry: its JSON type, whether it is required, and the values or pattern it allows.</summary>
public sealed record FieldSpec(string Name, string JsonType, bool Required = true, IReadOnlyList<string>? Values = null, string? Pattern = null, int? MaxLength = null);

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
            new("cells", "array"),
        ],
        [MessageType.ActionPlanUpdate] =
        [
            new("plan", "string", MaxLength: 100),
            new("activity", "string", MaxLength: 100),
            new("status", "string", Required: false, Values: ["planned", "inProgress", "done", "delayed", "cancelled"]),
            new("indicator", "string", Required: false, MaxLength: 100),
            new("value", "number", Required: false),
            new("on", "string", Pattern: Day),
        ],
    };

    /// <summary>What is wrong with a body for its type: fields not on the whitelist, missing required ones, wrong kinds of value.</summary>
    public static IReadOnlyList<string> Problems(MessageType type, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var specs = Allowed[type];
        var problems = new List<string>();
        foreach (var (name, _) in body)
        {
            if (!specs.Any(s => s.Name == name))
            {
                problems.Add($"field '{name}' is not allowed in {type}");
            }
        }

        foreach (var spec in specs)
        {
            var value = body[spec.Name];
            if (value is null)
            {
                if (spec.Required)
                {
                    problems.Add($"field '{spec.Name}' is required");
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
                problems.Add($"field '{spec.Name}' must be a {spec.JsonType}");
                continue;
            }

            if (kind == System.Text.Json.JsonValueKind.String)
            {
                var text = value.GetValue<string>();
                if (spec.Values is { } values && !values.Contains(text))
                {
                    problems.Add($"field '{spec.Name}' must be one of {string.Join(", ", values)}");
                }

                if (spec.Pattern is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                {
                    problems.Add($"field '{spec.Name}' does not match {pattern}");
                }

                if (spec.MaxLength is { } max && text.Length > max)
                {
                    problems.Add($"field '{spec.Name}' is longer than {max}");
                }
            }
        }

        return problems;
    }

    /// <summary>The JSON Schema (2020-12) of a message type's body: exactly its whitelist, nothing else allowed.</summary>
    public static JsonObject Schema(MessageType type, Uri baseUrl)
    {
        var properties = new JsonObject();
        foreach (var spec in Allowed[type])
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

            properties[spec.Name] = property;
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = new Uri(baseUrl, $"/api/v1/exchange/schemas/{type}/v{SchemaVersion}").AbsoluteUri,
            ["title"] = type.ToString(),
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. Allowed[type].Where(s => s.Required).Select(s => JsonValue.Create(s.Name))]),
            ["additionalProperties"] = false,
        };
    }
}
