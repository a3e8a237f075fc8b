using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17's bad input: a message that was tampered with, replayed, sent from an unknown node or with a revoked key,
/// of a type that is not allowed, off the schema, addressed elsewhere or out of the time window is refused with its
/// reason, logged, and writes nothing.
/// </summary>
[Collection(NodePairGroup.Name)]
public class ExchangeRefusalTests(NodePairFixture fixture)
{
    private static JsonObject Employment(string code) => new()
    {
        ["workerRef"] = code,
        ["refKind"] = "departureCard",
        ["destination"] = "KZ",
        ["permitKind"] = "patent",
        ["registeredOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Envelope Message(MessageType type, JsonObject body, DateTimeOffset? at = null, string? to = null) =>
        new(Guid.CreateVersion7(), type, MessageFields.SchemaVersion, NodePair.Agreement, MessagePurposes.Of(type),
            Envelope.Address(NodePair.KzAddress), to ?? Envelope.Address(NodePair.UzAddress), at ?? DateTimeOffset.UtcNow, body);

    /// <summary>Signed by the Kazakh node's own key, as its delivery signs.</summary>
    private static Task<string> SignedByKzAsync(NodePair pair, Envelope envelope) => pair.Kz.WithScopeAsync(async sp =>
    {
        using var signer = await sp.GetRequiredService<NodeSigner>().BatchAsync();
        return signer.Sign(Envelope.TokenType, envelope.ToJson());
    });

    private static async Task<DeliveryAnswer> DeliverAsync(NodePair pair, string token)
    {
        using var client = pair.Uz.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/exchange/inbox", new DeliveryRequest([token]), Envelope.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<DeliveryResponse>(Envelope.Json))!.Results.ShouldHaveSingleItem();
    }

    private static Task<int> WrittenAsync(NodePair pair) => pair.Uz.WithDbAsync(async d => await d.Set<InboxMessage>().CountAsync() + await d.Set<EmploymentAbroad>().CountAsync());

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_bad_message_is_refused_with_its_reason_logged_and_nothing_written(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        const string card = "CRV-2345-6789-ABCD";

        // A good message is accepted (no such card here: it matches nobody, and says so).
        var good = await DeliverAsync(pair, await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card))));
        good.Outcome.ShouldBe(DeliveryOutcome.Accepted);
        good.Detail.ShouldBe(EmploymentRegisteredHandler.NoCard);
        var written = await WrittenAsync(pair);

        async Task Refused(string token, RefusalReason reason, string? detail = null)
        {
            var answer = await DeliverAsync(pair, token);
            answer.Outcome.ShouldBe(reason == RefusalReason.Replay ? DeliveryOutcome.Duplicate : DeliveryOutcome.Refused, reason.ToString());
            if (reason != RefusalReason.Replay)
            {
                answer.Reason.ShouldBe(reason);
            }

            if (detail is not null)
            {
                answer.Detail!.ShouldContain(detail);
            }

            (await pair.RefusalsAtUzAsync()).Last().Reason.ShouldBe(reason);
            (await WrittenAsync(pair)).ShouldBe(written, reason.ToString());
        }

        // Replayed: the very same signed message again.
        var token = await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card)));
        (await DeliverAsync(pair, token)).Outcome.ShouldBe(DeliveryOutcome.Accepted);
        written = await WrittenAsync(pair);
        await Refused(token, RefusalReason.Replay);

        // Tampered: the body changed after signing (another card), the signature kept.
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["id"] = Guid.CreateVersion7().ToString();
        payload["body"]!["workerRef"] = "CRV-3456-789A-BCDE";
        await Refused($"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}", RefusalReason.BadSignature);
        await Refused("not.a.jws", RefusalReason.BadSignature);

        // An unknown node: a key nobody put on the trust list, even with a known node's address in the envelope.
        using (var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var credentials = new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = "stranger-1" }, SecurityAlgorithms.EcdsaSha256);
            var forged = new JsonWebTokenHandler().CreateToken(Message(MessageType.EmploymentRegistered, Employment(card)).ToJson(), credentials,
                new Dictionary<string, object> { ["typ"] = Envelope.TokenType });
            await Refused(forged, RefusalReason.UnknownSender);
        }

        // A clock too far off, either way, with the times in the reason.
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card), DateTimeOffset.UtcNow.AddMinutes(-11))), RefusalReason.StaleTimestamp, "more than 300 s apart");
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card), DateTimeOffset.UtcNow.AddMinutes(9))), RefusalReason.StaleTimestamp);

        // A type the agreement does not let Kazakhstan send here, and a purpose that is not the type's.
        var referral = new JsonObject { ["caseRef"] = "CASE-1", ["category"] = "WageTheft", ["destination"] = "KZ", ["summary"] = "Unpaid for two months", ["language"] = "ru" };
        await Refused(await SignedByKzAsync(pair, Message(MessageType.CaseReferral, referral)), RefusalReason.NotAllowed);
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card)) with { Purpose = ExchangePurpose.Statistics }), RefusalReason.NotAllowed);

        // Off the schema: a personal field that no whitelist allows, and a version this node does not read.
        var named = Employment(card);
        named["fullName"] = "Sardor Yusupov";
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, named)), RefusalReason.SchemaError, "fullName");
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card)) with { Version = 2 }), RefusalReason.SchemaError);

        // Addressed to another node, or sent in another node's name.
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card), to: "https://caravan.mehnat.tj")), RefusalReason.WrongReceiver);
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card)) with { From = "https://caravan.mehnat.tj" }), RefusalReason.UnknownSender);

        // An agreement that ended: the receiver refuses its flows, and the sender stops them and says why.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await pair.Uz.WithDbAsync(async d => await d.Set<PartnerNode>().Where(p => p.Id == pair.KzAtUz).ExecuteUpdateAsync(u => u.SetProperty(p => p.ValidUntil, yesterday)) + await TrustListStamp.TouchAsync(d));
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card))), RefusalReason.AgreementNotInForce);
        await pair.Uz.WithDbAsync(async d => await d.Set<PartnerNode>().Where(p => p.Id == pair.KzAtUz).ExecuteUpdateAsync(u => u.SetProperty(p => p.ValidUntil, (DateOnly?)null)) + await TrustListStamp.TouchAsync(d));
        var reports = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().CountAsync());

        // Uzbekistan is offline while the report is queued and the agreement ends, so Kazakhstan's background sender
        // cannot deliver it in between; then the report is due again and must be parked, not sent.
        var uzAddress = Envelope.Address(NodePair.UzAddress);
        pair.Network.Down[uzAddress] = true;
        Guid messageId;
        try
        {
            var queued = await pair.Kz.WithScopeAsync(sp => sp.GetRequiredService<EmploymentReports>().RegisterAsync(
                new EmploymentInput(pair.UzAtKz, card, "contract", null, null, null, yesterday)));
            queued.Report.ShouldNotBeNull();
            messageId = queued.Report!.MessageId;
            (await NodePair.DeliveredAsync(pair.Kz, messageId)).Status.ShouldBe(Caravan.Core.Messaging.MessageStatus.Pending);
            await pair.Kz.WithDbAsync(async d => await d.Set<PartnerNode>().Where(p => p.Id == pair.UzAtKz).ExecuteUpdateAsync(u => u.SetProperty(p => p.ValidUntil, yesterday)) + await TrustListStamp.TouchAsync(d));
        }
        finally
        {
            pair.Network.Down.TryRemove(uzAddress, out _);
        }

        await pair.Kz.WithDbAsync(d => d.Set<Caravan.Core.Messaging.OutboxMessage>().Where(m => m.Id == messageId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        try
        {
            var parked = await NodePair.DeliveredAsync(pair.Kz, messageId);
            parked.Status.ShouldBe(Caravan.Core.Messaging.MessageStatus.Parked);
            parked.LastError.ShouldBe("Not sent: the agreement with this partner is not in force.");
            var officer = pair.Kz.EnglishBrowser();
            await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
            (await officer.GetStringAsync("/exchange/employment")).ShouldContain("No partner country accepts employment reports");
            var page = await (await officer.PostFormAsync("/exchange/employment", new Dictionary<string, string>
            {
                ["PartnerId"] = pair.UzAtKz.ToString(),
                ["CardCode"] = card,
                ["PermitKind"] = "patent",
                ["OnDay"] = "1",
                ["OnMonth"] = "12",
                ["OnYear"] = "2026",
                ["Occupation"] = "",
                ["Region"] = "",
                ["EmployerName"] = "",
            })).TextAsync();
            page.ShouldContain("Nothing was sent: the agreement with this country is not in force.");
            (await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().CountAsync())).ShouldBe(reports + 1);
        }
        finally
        {
            await pair.Kz.WithDbAsync(async d => await d.Set<PartnerNode>().Where(p => p.Id == pair.UzAtKz).ExecuteUpdateAsync(u => u.SetProperty(p => p.ValidUntil, (DateOnly?)null)) + await TrustListStamp.TouchAsync(d));
        }

        // Revoked: from the moment an administrator revokes the key, its messages are refused.
        var kid = await pair.Kz.WithScopeAsync(async sp => (await sp.GetRequiredService<NodeKeyRing>().ActiveAsync()).KeyId);
        await pair.Uz.WithScopeAsync(async sp =>
        {
            var keyId = await sp.GetRequiredService<CaravanDbContext>().Set<PartnerKey>().Where(k => k.KeyId == kid).Select(k => k.Id).SingleAsync();
            (await sp.GetRequiredService<TrustListCommands>().RevokeKeyAsync(pair.KzAtUz, keyId, "Key reported compromised")).Succeeded.ShouldBeTrue();
            return true;
        });
        await Refused(await SignedByKzAsync(pair, Message(MessageType.EmploymentRegistered, Employment(card))), RefusalReason.KeyRevoked);

        // The pair is shared: put the key back as an administrator would after a false alarm, by removing the revoked entry and adding it again.
        await pair.Uz.WithDbAsync(async d => await d.Set<PartnerKey>().Where(k => k.KeyId == kid).ExecuteDeleteAsync() + await TrustListStamp.TouchAsync(d));
        var again = await NodePair.PublicKeyAsync(pair.Kz);
        (await pair.Uz.WithScopeAsync(sp => sp.GetRequiredService<TrustListCommands>().AddKeyAsync(pair.KzAtUz, again))).Succeeded.ShouldBeTrue();

        // The whole request is refused when it is not a batch at all.
        using var client = pair.Uz.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/exchange/inbox", new { messages = Array.Empty<string>() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/api/v1/exchange/inbox", new { messages = Enumerable.Repeat("x", ExchangeInbox.MaxBatch + 1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
