using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caravan.Core.Audit;

/// <summary>
/// How one write is described in the trail: {"Field": {"from": x, "to": y}}, with secrets and personal fields masked.
/// Shared by the SaveChanges interceptor and the bulk writer, so both leave the same entries.
/// </summary>
internal static class AuditChanges
{
    public const string Masked = "***";

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    // Secrets and identity bookkeeping that are not marked [PersonalData] but must never be copied into the trail.
    private static readonly HashSet<string> MaskedNames = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash", "NormalizedEmail", "NormalizedUserName",
        "ProviderKey", "Value", "ClaimValue", "PhoneNumber", "Email", "UserName", "ProtectedPrivateKey",
    };

    // Made from fields the trail already holds, and long: a vacancy's search key would double the size of its entry.
    private static readonly HashSet<string> DerivedNames = new(StringComparer.Ordinal) { "SearchKey" };

    /// <summary>False for a value derived from others in the same entry, which the trail leaves out.</summary>
    public static bool IsAudited(string name) => !DerivedNames.Contains(name);

    // Reading a property's attributes costs microseconds; a bulk upload asks for each of 30 properties of 10,000 rows.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> PersonalData = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, (IProperty Property, bool Masked)[]> AuditedProperties = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? createdBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? createdWriter;

    public static bool IsMasked(PropertyInfo? property, string name) =>
        MaskedNames.Contains(name)
        || (property is not null && PersonalData.GetOrAdd(property, p => p.GetCustomAttribute<PersonalDataAttribute>(inherit: true) is not null));

    public static Dictionary<string, object?> Change(IProperty property, object? from, object? to)
    {
        var masked = IsMasked(property.PropertyInfo, property.Name);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = masked && from is not null ? Masked : from,
            ["to"] = masked && to is not null ? Masked : to,
        };
    }

    public static string Serialize(Dictionary<string, Dictionary<string, object?>> changes) => JsonSerializer.Serialize(changes, JsonOptions);

    /// <summary>The entry for a new entity that was never tracked: every property from null to its value.</summary>
    /// <remarks>Written straight to JSON, the same text <see cref="Serialize"/> makes, without a dictionary per row: a bulk upload writes tens of thousands.</remarks>
    public static AuditEntry Created(IEntityType type, object entity, IAuditActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Created(type, entity, actor.Name, actor.Role, actor.Kind, at);
    }

    /// <summary>The same, with the actor read once: the actor reads the current request, which another thread has not.</summary>
    public static AuditEntry Created(IEntityType type, object entity, string actor, string? role, string kind, DateTime at)
    {
        // One buffer and writer per thread, reset for each entry: a bulk upload writes tens of thousands, and a new
        // pair per entry was most of what it left for the collector.
        var buffer = createdBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = createdWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder });
        json.Reset(buffer);
        json.WriteStartObject();
        foreach (var (property, masked) in AuditedProperties.GetOrAdd(type, t => [.. t.GetProperties().Where(p => IsAudited(p.Name)).Select(p => (p, IsMasked(p.PropertyInfo, p.Name)))]))
        {
            var value = Data.BulkInsert.Value(property, entity);
            json.WriteStartObject(property.Name);
            json.WriteNull("from");
            json.WritePropertyName("to");
            if (value is null)
            {
                json.WriteNullValue();
            }
            else if (masked)
            {
                json.WriteStringValue(Masked);
            }
            else
            {
                Write(json, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();

        var key = type.FindPrimaryKey();
        return new AuditEntry
        {
            At = at,
            Actor = actor,
            ActorRole = role,
            ActorKind = kind,
            EntityType = type.ClrType.Name,
            EntityId = key is null ? string.Empty
                : key.Properties is [var only] ? Convert.ToString(Data.BulkInsert.Value(only, entity), CultureInfo.InvariantCulture) ?? string.Empty
                : string.Join('|', key.Properties.Select(p => Convert.ToString(Data.BulkInsert.Value(p, entity), CultureInfo.InvariantCulture))),
            Action = AuditAction.Create,
            Changes = Encoding.UTF8.GetString(buffer.WrittenSpan),
        };
    }

    /// <summary>The common types written as the serializer writes them (AuditChangesTests compares), without its per-call cost.</summary>
    private static void Write(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteStringValue(text);
                break;
            case Guid guid:
                json.WriteStringValue(guid);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case DateTime time:
                json.WriteStringValue(time);
                break;
            case DateOnly date:
                json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Enum:
                json.WriteStringValue(value.ToString());
                break;
            default:
                JsonSerializer.Serialize(json, value, value.GetType(), JsonOptions);
                break;
        }
    }
}
