using System.Net;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Api;

/// <summary>Issue 17: every message type's JSON Schema is published, and it is exactly the type's field whitelist.</summary>
public class ExchangeSchemaTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Each_message_type_has_a_published_schema_that_allows_only_its_whitelist(DatabaseProvider db)
    {
        var client = fixture.Get(db).CreateClient();
        var list = JsonNode.Parse(await client.GetStringAsync("/api/v1/exchange/schemas"))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        list.Count.ShouldBe(Enum.GetValues<MessageType>().Length);
        foreach (var type in Enum.GetValues<MessageType>())
        {
            var response = await client.GetAsync($"/api/v1/exchange/schemas/{type}/v{MessageFields.SchemaVersion}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/schema+json");
            var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
            schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(MessageFields.Allowed[type].Select(f => f.Name));
            list.ShouldContain(schema["$id"]!.GetValue<string>());
        }

        (await client.GetAsync("/api/v1/exchange/schemas/PersonRecord/v1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/v1/exchange/schemas/CaseReferral/v9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
