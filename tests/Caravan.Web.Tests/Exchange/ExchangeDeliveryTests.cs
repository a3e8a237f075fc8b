using System.Net;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17: a Kazakh officer registers an Uzbek worker's employment; a signed message carries it to the Uzbek node,
/// which records it on the worker's record and in statistics exactly once, however often it is delivered.
/// </summary>
[Collection(NodePairGroup.Name)]
public class ExchangeDeliveryTests(NodePairFixture fixture)
{
    /// <summary>A registered Uzbek worker who left for Kazakhstan, and the code of their departure card.</summary>
    private static async Task<(string Reference, Guid PersonId, string CardCode)> WorkerWithCardAsync(CaravanApp uz, string phone, string document)
    {
        var reference = await Registration.RegisterAsync(uz, uz.EnglishBrowser(), phone, new("Sardor", "Yusupov", null, new DateOnly(1995, 4, 12), "Male", document, "UZ-SA"));
        return await uz.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var person = await db.Set<Person>().SingleAsync(p => p.Reference == reference);
            var departure = await sp.GetRequiredService<JourneyCommands>().RecordDepartureAsync(person, new DepartureInput("KZ", "Almaty", true, null, null, "Almaty Build", "7112",
                900m, "USD", 40, 12, [], DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20)), RecordedBy.Officer, null);
            var card = await sp.GetRequiredService<DepartureCards>().ForAsync(person, [person.Id], departure.Id);
            return (reference, person.Id, card!.Credential.Code);
        });
    }

    private static Dictionary<string, string> Form(Guid partner, string code, DateOnly on) => new()
    {
        ["PartnerId"] = partner.ToString(),
        ["CardCode"] = code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal),
        ["PermitKind"] = "workPermit",
        ["OnDay"] = on.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OnMonth"] = on.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OnYear"] = on.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Occupation"] = "7112",
        ["Region"] = "",
        ["EmployerName"] = "Almaty Build LLP",
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Employment_registered_in_Kazakhstan_reaches_the_Uzbek_record_and_statistics_exactly_once(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var (reference, personId, code) = await WorkerWithCardAsync(pair.Uz, db == DatabaseProvider.Sqlite ? "+998901710001" : "+998901710002", db == DatabaseProvider.Sqlite ? "AB1710001" : "AB1710002");
        var on = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);

        var officer = pair.Kz.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetStringAsync("/exchange/employment")).ShouldContain("Migration Agency (Uzbekistan) (UZ)");

        // Bad input: each field says why, and nothing is queued.
        var queuedBefore = await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node));
        var bad = Form(pair.UzAtKz, "CRV-0000", on.AddDays(10));
        bad["PermitKind"] = "visa";
        var refused = await (await officer.PostFormAsync("/exchange/employment", bad)).TextAsync();
        refused.ShouldContain("Enter the code from the departure card");
        refused.ShouldContain("Choose what the worker is registered as");
        refused.ShouldContain("Enter a real date, not in the future");
        (await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node))).ShouldBe(queuedBefore);

        var sent = await officer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, code, on));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The report and its message were saved together; the message holds no name, only the card's code.
        var report = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().SingleAsync(r => r.CardCode == code));
        var queued = await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().SingleAsync(m => m.Id == report.MessageId));
        queued.Channel.ShouldBe(MessageChannel.Node);
        queued.PartnerId.ShouldBe(pair.UzAtKz);

        (await NodePair.DeliveredAsync(pair.Kz, report.MessageId)).Status.ShouldBe(MessageStatus.Sent);
        var page = await officer.GetStringAsync("/exchange/employment");
        page.ShouldContain(code);
        page.ShouldContain("Delivered");

        // At the Uzbek node: on the worker's record, in statistics, and in the inbox, once.
        var employment = await pair.Uz.WithDbAsync(d => d.Set<EmploymentAbroad>().Where(e => e.PersonId == personId).ToListAsync());
        employment.ShouldHaveSingleItem();
        employment[0].Destination.ShouldBe("KZ");
        employment[0].PermitKind.ShouldBe("workPermit");
        employment[0].RegisteredOn.ShouldBe(on);
        employment[0].MessageId.ShouldBe(report.MessageId);
        (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().SingleAsync(m => m.Id == report.MessageId))).Outcome.ShouldBe(EmploymentRegisteredHandler.Recorded);
        (await pair.Uz.WithDbAsync(d => d.Set<Fact>().CountAsync(f => f.Kind == FactKind.EmploymentRegistered && f.Date == on && f.Destination == "KZ" && f.Sex == "M"))).ShouldBe(1);

        var uzOfficer = pair.Uz.EnglishBrowser();
        await uzOfficer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var record = await uzOfficer.GetStringAsync($"/officer/persons/{reference}");
        record.ShouldContain("employment registered in Kazakhstan");
        record.ShouldContain("Work permit, Almaty Build LLP");

        // The sender died after the Uzbek node committed but before it heard back: it sends the same message again.
        await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Id == report.MessageId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
        (await NodePair.DeliveredAsync(pair.Kz, report.MessageId)).Status.ShouldBe(MessageStatus.Sent);
        (await pair.Uz.WithDbAsync(d => d.Set<EmploymentAbroad>().CountAsync(e => e.PersonId == personId))).ShouldBe(1);
        (await pair.Uz.WithDbAsync(d => d.Set<Fact>().CountAsync(f => f.Kind == FactKind.EmploymentRegistered && f.Date == on && f.Destination == "KZ" && f.Sex == "M"))).ShouldBe(1);
        (await pair.RefusalsAtUzAsync()).ShouldContain(r => r.MessageId == report.MessageId && r.Reason == RefusalReason.Replay);

        // An administrator at the Uzbek node reads both: the message processed, and the copy refused as a replay.
        var admin = pair.Uz.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var log = await admin.GetStringAsync("/admin/exchange");
        log.ShouldContain($"data-id=\"{report.MessageId}\"");
        System.Net.WebUtility.HtmlDecode(log).ShouldContain(EmploymentRegisteredHandler.Recorded);
        log.ShouldContain("data-reason=\"Replay\"");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_partner_that_is_down_gets_retries_with_back_off_and_the_officer_is_not_kept_waiting(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var (_, personId, code) = await WorkerWithCardAsync(pair.Uz, db == DatabaseProvider.Sqlite ? "+998901710011" : "+998901710012", db == DatabaseProvider.Sqlite ? "AB1710011" : "AB1710012");
        var officer = pair.Kz.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        pair.Network.Down[Envelope.Address(NodePair.UzAddress)] = true;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            (await officer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, code, DateOnly.FromDateTime(DateTime.UtcNow)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            var report = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().SingleAsync(r => r.CardCode == code));
            var waiting = await NodePair.DeliveredAsync(pair.Kz, report.MessageId);
            waiting.Status.ShouldBe(MessageStatus.Pending);
            waiting.Attempts.ShouldBeGreaterThanOrEqualTo(1);
            waiting.LastError!.ShouldContain("could not be reached");
            waiting.NextAttemptAt.ShouldBeGreaterThan(DateTime.UtcNow);
            (await officer.GetStringAsync("/exchange/employment")).ShouldContain("Waiting to be sent");

            // A run before the back-off has passed sends nothing.
            await pair.DeliverFromKzAsync();
            (await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().SingleAsync(m => m.Id == report.MessageId))).Attempts.ShouldBe(waiting.Attempts);
        }
        finally
        {
            pair.Network.Down.Clear();
        }

        // The partner is back and the back-off has passed: delivered, once.
        await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Channel == MessageChannel.Node && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        var report2 = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().SingleAsync(r => r.CardCode == code));
        (await NodePair.DeliveredAsync(pair.Kz, report2.MessageId)).Status.ShouldBe(MessageStatus.Sent);
        (await pair.Uz.WithDbAsync(d => d.Set<EmploymentAbroad>().CountAsync(e => e.PersonId == personId))).ShouldBe(1);
    }
}
