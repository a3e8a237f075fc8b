using Caravan.Core.Exchange;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Api;

/// <summary>What partner nodes and auditors read about the exchange: the published JSON Schema of each message type.</summary>
public static class ExchangeEndpoints
{
    public static RouteGroupBuilder MapExchangeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/exchange/schemas", (IOptions<NodeOptions> node) =>
                TypedResults.Ok(Enum.GetValues<MessageType>().Select(t => new Uri(node.Value.PublicUrl, $"/api/v1/exchange/schemas/{t}/v{MessageFields.SchemaVersion}").AbsoluteUri).ToList()))
            .WithName("ListExchangeSchemas")
            .WithSummary("The address of every message type's JSON Schema")
            .AllowAnonymous();
        api.MapGet("/exchange/schemas/{type}/v{version:int}", Schema)
            .WithName("GetExchangeSchema")
            .WithSummary("The JSON Schema of a message type's body: its field whitelist, with nothing else allowed")
            .AllowAnonymous();
        return api;
    }

    private static Results<ContentHttpResult, NotFound> Schema(string type, int version, IOptions<NodeOptions> node) =>
        Enum.TryParse<MessageType>(type, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && version == MessageFields.SchemaVersion
            ? TypedResults.Content(MessageFields.Schema(parsed, node.Value.PublicUrl).ToJsonString(), "application/schema+json")
            : TypedResults.NotFound();
}
