using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Core.Region;
using Caravan.Core.Statistics;
using Caravan.Core.Signing;
using Caravan.Core.Statistics.Disclosure;
using Caravan.Web.Tests.Exchange;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Region;

/// <summary>
/// Issue 17: the regional hub holds no personal data. Country nodes publish their disclosure-protected tables to it,
/// and it shows the region with every country's small cells still protected.
/// </summary>
[Collection(NodePairGroup.Name)]
public class RegionalHubTests(NodePairFixture fixture)
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_hub_shows_each_countrys_protected_table_with_small_cells_and_the_totals_they_touch_protected(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var hub = await pair.HubAsync();
        await SeedDeparturesAsync(pair.Uz);
        var (uzQueued, kzQueued) = (await PublishAsync(pair.Uz), await PublishAsync(pair.Kz));
        uzQueued.ShouldBeGreaterThan(0);
        kzQueued.ShouldBeGreaterThan(0);
        await DeliverAllAsync(pair.Uz);
        await DeliverAllAsync(pair.Kz);

        // Nothing changed since: a second run sends nothing.
        (await PublishAsync(pair.Uz)).ShouldBe(0);

        // The Uzbek node's own protected answer, month by month: find a month with a protected destination and a published one.
        var table = RegionalTables.Find("corridors")!;
        var answer = await pair.Uz.WithScopeAsync(sp => sp.GetRequiredService<StatisticsService>().AnswerAsync(Request(table)));
        var month = answer.Observations.GroupBy(o => o.Period)
            .Where(g => g.Any(o => o.Status != CellStatus.Published) && g.Any(o => o.Status == CellStatus.Published && o.Codes[0] != Codelists.Total))
            .OrderByDescending(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        month.ShouldNotBeNull("the seeded month has both protected and published destinations");
        var hidden = month.First(o => o.Status != CellStatus.Published).Codes[0];
        var shown = month.First(o => o.Status == CellStatus.Published && o.Codes[0] != Codelists.Total);

        var visitor = hub.EnglishBrowser();
        using var json = JsonDocument.Parse(await visitor.GetStringAsync($"/api/v1/region/tables/corridors?period={month.Key}"));
        var root = json.RootElement;
        root.GetProperty("period").GetString().ShouldBe(month.Key);
        root.GetProperty("countries").EnumerateArray().Select(c => c.GetString()).ShouldBe(["KZ", "UZ"], ignoreOrder: true);
        JsonElement Row(string code) => root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);
        var hiddenRow = Row(hidden);
        hiddenRow.GetProperty("countries").GetProperty("UZ").GetProperty("state").GetString().ShouldBe("Protected");
        hiddenRow.GetProperty("countries").GetProperty("UZ").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        hiddenRow.GetProperty("region").GetProperty("state").GetString().ShouldBe("Protected");
        var shownRow = Row(shown.Codes[0]);
        shownRow.GetProperty("countries").GetProperty("UZ").GetProperty("value").GetDecimal().ShouldBe(shown.Value!.Value);

        // Nothing protected reached the hub's storage: a hidden cell has no value there either.
        var stored = await hub.WithDbAsync(d => d.Set<RegionalAggregate>().AsNoTracking().SingleAsync(a => a.Country == "UZ" && a.Table == "corridors" && a.Period == month.Key));
        var cell = JsonNode.Parse(stored.Cells)!.AsArray().OfType<JsonObject>().Single(c => (string?)c["code"] == hidden);
        cell["value"].ShouldBeNull();

        // The page says the same in words, for anyone, in every language.
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/region?table=corridors&period={month.Key}"));
        page.ShouldContain("Corridors: departures by destination");
        page.ShouldContain($"data-code=\"{hidden}\"");
        page.ShouldContain("protected");
        var russian = WebUtility.HtmlDecode(await hub.CreateClient().GetStringAsync($"/region?table=corridors&period={month.Key}&culture=ru"));
        russian.ShouldNotContain("Corridors: departures by destination");
        (await visitor.GetAsync("/region?table=passports")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_hub_holds_no_personal_data_closes_every_page_over_people_and_refuses_personal_messages(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var hub = await pair.HubAsync();
        (await hub.WithDbAsync(d => d.Set<Person>().CountAsync())).ShouldBe(0);
        (await hub.WithDbAsync(d => d.Set<Caravan.Core.Cases.LegalCase>().CountAsync())).ShouldBe(0);
        (await hub.WithDbAsync(d => d.Set<Caravan.Core.Agencies.Agency>().CountAsync())).ShouldBe(0);

        var visitor = hub.EnglishBrowser();
        foreach (var path in new[] { "/vacancies", "/agencies", "/statistics", "/migrants", "/cases", "/me", "/api/v1/vacancies", "/api/v1/cases", "/exchange/verify", "/training" })
        {
            (await visitor.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        var home = await visitor.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/region");

        // The secretariat's officer signs in to the region.
        var secretariat = hub.EnglishBrowser();
        await secretariat.SignInStaffAsync(DemoAccounts.SecretariatEmail);
        var dashboard = await secretariat.GetAsync("/dashboard");
        dashboard.Headers.Location!.ToString().ShouldBe("/region");

        // An employment report from Uzbekistan, even on the hub's trust list, is refused: the hub takes no personal message.
        var id = await pair.Uz.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<ExchangeOutbox>();
            var queued = await outbox.AddAsync(pair.HubAtUz, MessageType.EmploymentRegistered, new JsonObject
            {
                ["workerRef"] = "CRV-7K3M-Q9PX-2D4F",
                ["refKind"] = "departureCard",
                ["destination"] = "KZ",
                ["permitKind"] = "workPermit",
                ["registeredOn"] = "2026-11-30",
            });
            return queued.MessageId;
        });
        // Uzbekistan's own list does not allow it either, which is where it stops first.
        id.ShouldBeNull();
        var refusedBefore = await hub.WithDbAsync(d => d.Set<ExchangeRefusal>().CountAsync(r => r.Type == MessageType.EmploymentRegistered));
        var envelope = new Envelope(Guid.CreateVersion7(), MessageType.EmploymentRegistered, MessageFields.SchemaVersion, NodePair.Agreement, ExchangePurpose.EmploymentProtection,
            Envelope.Address(NodePair.UzAddress), Envelope.Address(NodePair.HubAddress), DateTimeOffset.UtcNow, new JsonObject
            {
                ["workerRef"] = "CRV-7K3M-Q9PX-2D4F",
                ["refKind"] = "departureCard",
                ["destination"] = "KZ",
                ["permitKind"] = "workPermit",
                ["registeredOn"] = "2026-11-30",
            });
        var token = await pair.Uz.WithScopeAsync(async sp =>
        {
            using var signer = await sp.GetRequiredService<NodeSigner>().BatchAsync();
            return signer.Sign(Envelope.TokenType, envelope.ToJson());
        });
        using var client = hub.CreateClient();
        var delivered = await client.PostAsJsonAsync("/api/v1/exchange/inbox", new DeliveryRequest([token]), Envelope.Json);
        var answers = (await delivered.Content.ReadFromJsonAsync<DeliveryResponse>(Envelope.Json))!.Results;
        answers.Single().Outcome.ShouldBe(DeliveryOutcome.Refused);
        answers.Single().Reason.ShouldBe(RefusalReason.NotAllowed);
        (await hub.WithDbAsync(d => d.Set<ExchangeRefusal>().CountAsync(r => r.Type == MessageType.EmploymentRegistered))).ShouldBe(refusedBefore + 1);
        (await hub.WithDbAsync(d => d.Set<Person>().CountAsync())).ShouldBe(0);
    }

    /// <summary>
    /// Departures 22 months ago, inside the window published to the hub: three large destinations and one of two
    /// people, which the Uzbek node's disclosure control must hide.
    /// </summary>
    private static Task<int> SeedDeparturesAsync(CaravanApp node) => node.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CaravanDbContext>();
        var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-22);
        Fact Departure(string destination) => new()
        {
            Kind = FactKind.Departure,
            Date = new DateOnly(month.Year, month.Month, 10),
            Sex = "F",
            AgeBand = "25-29",
            RegionOfOrigin = "UZ-SA",
            Destination = destination,
            IscoGroup = "9",
            RecordedAt = DateTime.UtcNow.AddMinutes(-10),
        };
        foreach (var (destination, count) in new[] { ("RU", 40), ("KR", 30), ("TR", 25), ("AE", 2) })
        {
            db.AddRange(Enumerable.Range(0, count).Select(_ => Departure(destination)));
        }

        await db.SaveChangesAsync();
        // A rebuild rather than a fold: the demo may already have folded past these facts' recording time.
        await sp.GetRequiredService<StatisticsFolder>().RebuildAsync();
        return 0;
    });

    private static StatisticsRequest Request(RegionalTable table)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new StatisticsRequest(table.Definition, [table.Dimension], new Dictionary<Dimension, IReadOnlyList<string>>(),
            Periods.MonthOf(today.AddMonths(-(RegionalTables.WindowMonths - 1))), Periods.MonthOf(today), Exact: false);
    }

    private static Task<int> PublishAsync(CaravanApp node) =>
        node.WithScopeAsync(async sp => (await sp.GetRequiredService<AggregatePublisher>().PublishAsync()).Queued);

    private static async Task DeliverAllAsync(CaravanApp node)
    {
        var ids = await node.WithDbAsync(d => d.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Channel == MessageChannel.Node && m.Template == "Exchange.AggregatePublication" && m.Status != MessageStatus.Sent).Select(m => m.Id).ToListAsync());
        foreach (var id in ids)
        {
            (await NodePair.DeliveredAsync(node, id)).Status.ShouldBe(MessageStatus.Sent);
        }
    }
}
