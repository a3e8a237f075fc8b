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
        // Anonymous at the HTTP level: each message is authenticated by its signature against the trust list, which
        // is what binds it to a partner; a cookie or an API key would prove nothing about the sending node.
        api.MapPost("/exchange/inbox", ReceiveAsync)
            .WithName("ReceiveExchangeMessages")
            .WithSummary("Deliver signed messages from a partner node; each gets accepted, duplicate or refused with a reason")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes))
            .DisableAntiforgery()
            .RequireRateLimiting(Caravan.Web.Infrastructure.CaravanPolicies.Exchange)
            .AllowAnonymous();
        api.MapPost("/exchange/verify", VerifyAsync)
            .WithName("AnswerVerificationRequest")
            .WithSummary("Ask this node, in one signed message, whether a certificate, a licence or a departure card it issued is valid; the answer is signed")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024))
            .DisableAntiforgery()
            .RequireRateLimiting(Caravan.Web.Infrastructure.CaravanPolicies.Exchange)
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<VerificationReply>, ProblemHttpResult>> VerifyAsync(VerificationCall? call, VerificationExchange exchange, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(call?.Message)
            ? TypedResults.Problem("Send {\"message\": \"<compact JWS>\"}.", statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Ok(await exchange.AnswerAsync(call.Message, cancellationToken));

    public const long MaxBytes = 8 * 1024 * 1024;

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> ReceiveAsync(DeliveryRequest? request, ExchangeInbox inbox, CancellationToken cancellationToken)
    {
        if (request?.Messages is not { Count: > 0 } messages || messages.Any(m => m is null))
        {
            return TypedResults.Problem("Send {\"messages\": [\"<compact JWS>\", ...]} with at least one message.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (messages.Count > ExchangeInbox.MaxBatch)
        {
            return TypedResults.Problem($"Send at most {ExchangeInbox.MaxBatch} messages in one request.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(new DeliveryResponse(await inbox.ReceiveAsync(messages, cancellationToken)));
    }

    private static Results<ContentHttpResult, NotFound> Schema(string type, int version, IOptions<NodeOptions> node) =>
        Enum.TryParse<MessageType>(type, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && version == MessageFields.SchemaVersion
            ? TypedResults.Content(MessageFields.Schema(parsed, node.Value.PublicUrl).ToJsonString(), "application/schema+json")
            : TypedResults.NotFound();
}
