using System.Text.Json.Nodes;
using Caravan.Core.Exchange;

namespace Caravan.Core.Tests.Exchange;

/// <summary>Issue 17: no personal field outside a message type's whitelist can leave a node, and each type's schema is exactly its whitelist.</summary>
public class MessageFieldsTests
{
    /// <summary>The personal values a registry holds about a worker; none may ever be in a message between nodes.</summary>
    private static readonly string[] PersonalFields =
        ["name", "givenName", "familyName", "patronymic", "fullName", "birthDate", "dateOfBirth", "phone", "email", "passportNumber", "documentNumber", "address", "sex", "citizenship"];

    public static TheoryData<MessageType> Types()
    {
        var data = new TheoryData<MessageType>();
        foreach (var type in Enum.GetValues<MessageType>())
        {
            data.Add(type);
        }

        return data;
    }

    private static JsonObject Valid(MessageType type) => type switch
    {
        MessageType.EmploymentRegistered => new() { ["workerRef"] = "CRV-7K3M-Q9PX-2D4F", ["refKind"] = "departureCard", ["destination"] = "KZ", ["permitKind"] = "workPermit", ["registeredOn"] = "2026-11-30" },
        MessageType.VerificationRequest => new() { ["subject"] = "licence", ["code"] = "LIC-0001008", ["destination"] = "KZ" },
        MessageType.VerificationAnswer => new() { ["requestId"] = "0193a1b2", ["answer"] = "valid" },
        MessageType.CaseReferral => new() { ["caseRef"] = "CASE-0042", ["category"] = "UnpaidWages", ["destination"] = "KZ", ["summary"] = "Wages unpaid for two months.", ["language"] = "ru" },
        MessageType.CaseStatus => new() { ["caseRef"] = "CASE-0042", ["status"] = "inProgress", ["on"] = "2026-12-01" },
        MessageType.AggregatePublication => new() { ["table"] = "corridors", ["period"] = "2026-09", ["cells"] = new JsonArray(Cell("RU", 120), Cell("_T", 130)) },
        MessageType.ActionPlanUpdate => new() { ["plan"] = "UZ-KZ-2026", ["kind"] = "part", ["item"] = "1.2", ["country"] = "UZ", ["status"] = "done", ["on"] = "2026-10-15" },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static JsonObject Cell(string code, int value) => new() { ["code"] = code, ["value"] = value, ["status"] = "published" };

    [Fact]
    public void A_published_table_cell_may_carry_only_its_code_value_and_status()
    {
        foreach (var field in PersonalFields)
        {
            var body = Valid(MessageType.AggregatePublication);
            var cell = Cell("KR", 3);
            cell[field] = "Dilshod Yoʻldoshev";
            body["cells"]!.AsArray().Add(cell);
            MessageFields.Problems(MessageType.AggregatePublication, body).ShouldBe([$"field 'cells[2].{field}' is not allowed in AggregatePublication"]);
        }

        var odd = Valid(MessageType.AggregatePublication);
        odd["cells"]!.AsArray().Add("a list of names");
        odd["cells"]!.AsArray().Add(new JsonObject { ["code"] = "KR KZ; DROP", ["status"] = "secret" });
        MessageFields.Problems(MessageType.AggregatePublication, odd).ShouldBe(
        [
            "field 'cells[2]' must be an object of the published schema",
            "field 'cells[3].code' does not match ^[A-Za-z0-9_.-]{1,20}$",
            "field 'cells[3].status' must be one of published, suppressed, secondary",
        ]);

        var schema = MessageFields.Schema(MessageType.AggregatePublication, new Uri("https://caravan.example.uz/"));
        var items = schema["properties"]!["cells"]!["items"]!;
        items["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        items["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["code", "value", "status"]);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_body_within_the_whitelist_passes_and_any_personal_field_added_to_it_is_refused(MessageType type)
    {
        MessageFields.Problems(type, Valid(type)).ShouldBeEmpty();
        foreach (var field in PersonalFields)
        {
            var body = Valid(type);
            body[field] = "Dilshod Yoʻldoshev 1995-05-12 +998901234567 FA5550001";
            MessageFields.Problems(type, body).ShouldContain($"field '{field}' is not allowed in {type}", customMessage: $"{type} accepted {field}");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void No_whitelist_names_a_personal_field_and_the_schema_allows_exactly_the_whitelist(MessageType type)
    {
        var names = MessageFields.Allowed[type].Select(f => f.Name).ToList();
        names.ShouldAllBe(n => !PersonalFields.Contains(n, StringComparer.OrdinalIgnoreCase));
        names.ShouldAllBe(n => !n.Contains("birth", StringComparison.OrdinalIgnoreCase) && !n.Contains("passport", StringComparison.OrdinalIgnoreCase)
            && !n.Contains("phone", StringComparison.OrdinalIgnoreCase));

        var schema = MessageFields.Schema(type, new Uri("https://caravan.example.uz/"));
        schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(names);
        schema["$id"]!.GetValue<string>().ShouldBe($"https://caravan.example.uz/api/v1/exchange/schemas/{type}/v{MessageFields.SchemaVersion}");
    }

    [Fact]
    public void Missing_fields_wrong_values_and_wrong_kinds_are_each_named()
    {
        var body = Valid(MessageType.EmploymentRegistered);
        body.Remove("workerRef");
        body["refKind"] = "fullName";
        body["destination"] = "Kazakhstan";
        body["registeredOn"] = 20261130;
        var problems = MessageFields.Problems(MessageType.EmploymentRegistered, body);
        problems.ShouldContain("field 'workerRef' is required");
        problems.ShouldContain("field 'refKind' must be one of departureCard, passportHash");
        problems.ShouldContain("field 'destination' does not match ^[A-Z]{2}$");
        problems.ShouldContain("field 'registeredOn' must be a string");
        problems.Count.ShouldBe(4);
    }
}
