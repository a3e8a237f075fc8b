using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Caravan.Core.Signing;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Exchange;

/// <summary>What asking a partner gave: its verdict, or why there is none.</summary>
public sealed record AskResult(VerificationVerdict? Verdict, TrustDecision Decision, RefusalReason? Refused, bool Unreachable, string? Partner, DateTime At)
{
    public bool Answered => Verdict is not null;
}

/// <summary>
/// Verification between nodes in one round trip: an officer at a destination asks whether a certificate, a licence or
/// a departure card issued by the worker's country is valid, and waits for the signed answer. Both the question and the
/// answer pass every check of the inbox, are processed once, and are recorded in each node's inbox, so both sides can
/// account for every question asked and answered.
/// </summary>
public sealed class VerificationExchange(
    CaravanDbContext db,
    ExchangeInbox inbox,
    VerificationAnswers answers,
    TrustCheck trust,
    TrustListQueries partners,
    NodeSigner signer,
    INodeTransport transport,
    TimeProvider time,
    IOptions<NodeOptions> node)
{
    private string Me => Envelope.Address(node.Value.PublicUrl);

    /// <summary>The answering side: checks the question, answers it, and signs the answer for the asker alone.</summary>
    public async Task<VerificationReply> AnswerAsync(string token, CancellationToken cancellationToken = default)
    {
        var (message, refusal) = await inbox.CheckOneAsync(token, MessageType.VerificationRequest, cancellationToken);
        if (message is null)
        {
            return new VerificationReply(null, refusal);
        }

        var request = message.Envelope;
        if (await trust.SendingAsync(message.Partner.Id, MessageType.VerificationAnswer, ExchangePurpose.Verification, cancellationToken) != TrustDecision.Allowed)
        {
            inbox.Record(message, "not answered: the agreement does not let this node answer the partner");
            await db.SaveChangesAsync(cancellationToken);
            return new VerificationReply(null, new DeliveryAnswer(0, request.Id, DeliveryOutcome.Refused, RefusalReason.NotAllowed, "this node may not send verification answers to you"));
        }

        var subject = VerificationAnswers.SubjectOf((string?)request.Body["subject"])!.Value;
        var verdict = await answers.AnswerAsync(subject, (string)request.Body["code"]!, (string?)request.Body["destination"], cancellationToken);
        inbox.Record(message, $"answered {VerificationAnswers.Wire(verdict)} about a {VerificationAnswers.Wire(subject)}");
        await db.SaveChangesAsync(cancellationToken);
        var reply = new Envelope(Guid.CreateVersion7(), MessageType.VerificationAnswer, MessageFields.SchemaVersion, message.Partner.Agreement, ExchangePurpose.Verification,
            Me, request.From, time.GetUtcNow(), new JsonObject { ["requestId"] = request.Id.ToString(), ["answer"] = VerificationAnswers.Wire(verdict) });
        using var signing = await signer.BatchAsync(cancellationToken);
        return new VerificationReply(signing.Sign(Envelope.TokenType, reply.ToJson()), null);
    }

    /// <summary>Partners this node may ask, with their agreement in force.</summary>
    public Task<IReadOnlyList<PartnerNode>> PartnersAsync(CancellationToken cancellationToken = default) => partners.SendingAsync(MessageType.VerificationRequest, cancellationToken);

    /// <summary>The asking side: signs the question, sends it, and checks the answer as any partner message is checked.</summary>
    public async Task<AskResult> AskAsync(Guid partnerId, VerificationSubject subject, string code, string? destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var now = time.GetUtcNow();
        var body = new JsonObject { ["subject"] = VerificationAnswers.Wire(subject), ["code"] = code.Trim() };
        if (destination is not null)
        {
            body["destination"] = destination;
        }

        var (decision, partner) = await trust.SendingToAsync(partnerId, MessageType.VerificationRequest, ExchangePurpose.Verification, cancellationToken);
        if (MessageFields.Problems(MessageType.VerificationRequest, body).Count > 0)
        {
            decision = TrustDecision.FlowNotAllowed;
        }

        if (decision != TrustDecision.Allowed || partner is null)
        {
            return new AskResult(null, decision == TrustDecision.Allowed ? TrustDecision.UnknownKey : decision, null, false, partner?.Name, now.UtcDateTime);
        }

        var request = new Envelope(Guid.CreateVersion7(), MessageType.VerificationRequest, MessageFields.SchemaVersion, partner.Agreement, ExchangePurpose.Verification,
            Me, Envelope.Address(partner.BaseUrl), now, body);
        string token;
        using (var signing = await signer.BatchAsync(cancellationToken))
        {
            token = signing.Sign(Envelope.TokenType, request.ToJson());
        }

        VerificationReply reply;
        try
        {
            reply = await transport.AskAsync(new Uri(partner.BaseUrl), token, cancellationToken);
        }
        catch (DeliveryException)
        {
            return new AskResult(null, decision, null, true, partner.Name, now.UtcDateTime);
        }

        if (reply.Message is null)
        {
            return new AskResult(null, decision, reply.Refusal?.Reason ?? RefusalReason.SchemaError, false, partner.Name, now.UtcDateTime);
        }

        var (answer, refusal) = await inbox.CheckOneAsync(reply.Message, MessageType.VerificationAnswer, cancellationToken);
        if (answer is null)
        {
            return new AskResult(null, decision, refusal?.Reason, false, partner.Name, now.UtcDateTime);
        }

        var verdict = VerificationAnswers.VerdictOf((string?)answer.Envelope.Body["answer"]);
        if (answer.Partner.Id != partnerId || (string?)answer.Envelope.Body["requestId"] != request.Id.ToString() || verdict is null)
        {
            // Signed by a trusted node, but not the answer to this question: not believed.
            inbox.Record(answer, "ignored: not the answer to the question asked");
            await db.SaveChangesAsync(cancellationToken);
            return new AskResult(null, decision, RefusalReason.SchemaError, false, partner.Name, now.UtcDateTime);
        }

        inbox.Record(answer, $"{VerificationAnswers.Wire(verdict.Value)} about a {VerificationAnswers.Wire(subject)}");
        await db.SaveChangesAsync(cancellationToken);
        return new AskResult(verdict, decision, null, false, partner.Name, answer.Envelope.SentAt.UtcDateTime);
    }
}
