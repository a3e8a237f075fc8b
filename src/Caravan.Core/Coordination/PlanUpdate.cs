using System.Globalization;
using System.Text.Json.Nodes;

namespace Caravan.Core.Coordination;

/// <summary>What an ActionPlanUpdate message changes: a plan's definition, or one party's status, value or follow-up.</summary>
public enum PlanUpdateKind
{
    Plan,
    Activity,
    Part,
    Indicator,
    Value,
    Recommendation,
    FollowUp,
}

/// <summary>
/// One change to a shared plan, as it travels between the hub and the parties' nodes. Definitions (plan, activity,
/// indicator, recommendation) come from the hub; a party's status, value or follow-up comes from that party's node, or
/// from the hub passing it on.
/// </summary>
public sealed record PlanUpdate(string Plan, PlanUpdateKind Kind, string? Item, DateOnly On)
{
    public string? Title { get; init; }

    public string? Parties { get; init; }

    public int? Year { get; init; }

    public string? Country { get; init; }

    public string? Lead { get; init; }

    public DateOnly? Deadline { get; init; }

    public PlanStatus? Status { get; init; }

    public string? Notes { get; init; }

    public string? Meeting { get; init; }

    public string? Text { get; init; }

    public string? Unit { get; init; }

    public decimal? Baseline { get; init; }

    public decimal? Target { get; init; }

    public string? Linked { get; init; }

    public decimal? Value { get; init; }

    public static string WireName(PlanUpdateKind kind) => kind == PlanUpdateKind.FollowUp ? "followUp" : kind.ToString().ToLowerInvariant();

    public static string WireName(PlanStatus status) => status switch
    {
        PlanStatus.InProgress => "inProgress",
        PlanStatus.Planned or PlanStatus.Done or PlanStatus.Delayed or PlanStatus.Cancelled => status.ToString().ToLowerInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public JsonObject ToJson()
    {
        var body = new JsonObject { ["plan"] = Plan, ["kind"] = WireName(Kind) };
        void Put(string name, JsonNode? value)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        Put("item", Item);
        Put("title", Title);
        Put("parties", Parties);
        Put("year", Year);
        Put("country", Country);
        Put("lead", Lead);
        Put("deadline", Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put("status", Status is { } s ? WireName(s) : null);
        Put("notes", Notes);
        Put("meeting", Meeting);
        Put("text", Text);
        Put("unit", Unit);
        Put("baseline", Baseline);
        Put("target", Target);
        Put("linked", Linked);
        Put("value", Value);
        body["on"] = On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return body;
    }

    /// <summary>Reads a body that has passed the type's whitelist; null when its kind or dates do not make sense.</summary>
    public static PlanUpdate? FromJson(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var kind = Enum.GetValues<PlanUpdateKind>().Cast<PlanUpdateKind?>().FirstOrDefault(k => WireName(k!.Value) == (string?)body["kind"]);
        if (kind is null || !DateOnly.TryParseExact((string?)body["on"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            return null;
        }

        DateOnly? deadline = null;
        if (body["deadline"] is { } d)
        {
            if (!DateOnly.TryParseExact((string?)d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return null;
            }

            deadline = parsed;
        }

        var status = (string?)body["status"] is { } wire ? Enum.GetValues<PlanStatus>().Cast<PlanStatus?>().FirstOrDefault(s => WireName(s!.Value) == wire) : null;
        return new PlanUpdate((string)body["plan"]!, kind.Value, (string?)body["item"], on)
        {
            Title = (string?)body["title"],
            Parties = (string?)body["parties"],
            Year = body["year"] is { } y ? (int)y.GetValue<decimal>() : null,
            Country = (string?)body["country"],
            Lead = (string?)body["lead"],
            Deadline = deadline,
            Status = status,
            Notes = (string?)body["notes"],
            Meeting = (string?)body["meeting"],
            Text = (string?)body["text"],
            Unit = (string?)body["unit"],
            Baseline = body["baseline"]?.GetValue<decimal>(),
            Target = body["target"]?.GetValue<decimal>(),
            Linked = (string?)body["linked"],
            Value = body["value"]?.GetValue<decimal>(),
        };
    }
}
