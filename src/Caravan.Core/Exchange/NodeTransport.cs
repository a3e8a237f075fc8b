using System.Text.Json.Serialization;

namespace Caravan.Core.Exchange;

/// <summary>What the receiving node said about one message of a delivery.</summary>
public enum DeliveryOutcome
{
    /// <summary>Processed now.</summary>
    Accepted,

    /// <summary>Processed before: this copy changed nothing. The sender counts it as delivered.</summary>
    Duplicate,

    /// <summary>Refused for the reason given; the sender parks it and shows why (an unknown sender is retried first, as its key may be on its way).</summary>
    Refused,
}

/// <summary>One message's answer in a delivery: by its position in the request, with its id when it could be read.</summary>
public sealed record DeliveryAnswer(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("id")] Guid? Id,
    [property: JsonPropertyName("outcome")] DeliveryOutcome Outcome,
    [property: JsonPropertyName("reason")] RefusalReason? Reason = null,
    [property: JsonPropertyName("detail")] string? Detail = null);

/// <summary>The body of a delivery: signed messages, in order.</summary>
public sealed record DeliveryRequest([property: JsonPropertyName("messages")] IReadOnlyList<string> Messages);

/// <summary>The answer to a delivery: one entry per message, in the request's order.</summary>
public sealed record DeliveryResponse([property: JsonPropertyName("results")] IReadOnlyList<DeliveryAnswer> Results);

/// <summary>
/// Carries signed messages to a partner's inbox. Throws <see cref="Messaging.DeliveryException"/> when the partner
/// cannot be reached or does not answer properly; the messages are then retried with back-off.
/// </summary>
public interface INodeTransport
{
    Task<IReadOnlyList<DeliveryAnswer>> SendAsync(Uri partnerBaseUrl, IReadOnlyList<string> tokens, CancellationToken cancellationToken);

    /// <summary>Asks a partner one question and waits for its signed answer (verification), for a person waiting at a screen.</summary>
    Task<VerificationReply> AskAsync(Uri partnerBaseUrl, string token, CancellationToken cancellationToken);

    /// <summary>The partner's signed revocation list, as it publishes it; null when it publishes none.</summary>
    Task<string?> RevocationsAsync(Uri partnerBaseUrl, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>What a partner answers to a question asked in one round trip: its signed answer, or why it refused.</summary>
public sealed record VerificationReply(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("refusal")] DeliveryAnswer? Refusal);

/// <summary>The body of a question asked in one round trip: one signed message.</summary>
public sealed record VerificationCall([property: JsonPropertyName("message")] string Message);
