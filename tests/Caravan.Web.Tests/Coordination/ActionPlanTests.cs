using System.Net;
using System.Net.Http.Json;
using Caravan.Core.Coordination;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Signing;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Exchange;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Coordination;

/// <summary>
/// Issue 17: the secretariat builds a joint plan on the hub, both countries' nodes receive it, each reports its own
/// part, and a linked indicator's actual value comes from a node's own statistics. The hub and both nodes show the
/// same plan, and its progress report downloads.
/// </summary>
[Collection(NodePairGroup.Name)]
public class ActionPlanTests(NodePairFixture fixture)
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_plan_made_on_the_hub_reaches_both_countries_which_report_their_parts_and_values(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var hub = await pair.HubAsync();
        // A year of departures long ago, 20 a month: the linked indicator's actual value for that year is 240.
        const int Year = 2015;
        await SeedDeparturesAsync(pair.Uz, Year);
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];

        var secretariat = hub.EnglishBrowser();
        await secretariat.SignInStaffAsync(DemoAccounts.SecretariatEmail);
        var none = await (await secretariat.PostMultipartAsync("/plans", [new("Code", code), new("Title", " "), new("Year", "20x6"), new("Parties", "UZ")])).TextAsync();
        none.ShouldContain("Enter this field");
        none.ShouldContain("Enter a year between 2000 and 2100");
        none.ShouldContain("Choose at least two countries");
        var created = await secretariat.PostMultipartAsync("/plans", [new("Code", code), new("Title", "Joint plan " + code), new("Year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Parties", "UZ"), new("Parties", "KZ")]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = $"/plans/{code}/edit";
        created.Headers.Location!.ToString().ShouldBe(edit);

        var noLead = await (await secretariat.PostFormAsync(edit, new Dictionary<string, string> { ["ActivityCode"] = "1.1", ["ActivityTitle"] = "Exchange of licence data", ["Leads[UZ]"] = "Agency for External Labour Migration" }, edit + "?handler=Activity")).TextAsync();
        noLead.ShouldContain("Enter this field");
        (await secretariat.PostFormAsync(edit, new Dictionary<string, string>
        {
            ["ActivityCode"] = "1.1",
            ["ActivityTitle"] = "Exchange of licence data",
            ["DeadlineDay"] = "30",
            ["DeadlineMonth"] = "6",
            ["DeadlineYear"] = "2015",
            ["Leads[UZ]"] = "Agency for External Labour Migration",
            ["Leads[KZ]"] = "Ministry of Labour and Social Protection",
        }, edit + "?handler=Activity")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var badNumber = await (await secretariat.PostFormAsync(edit, new Dictionary<string, string> { ["IndicatorCode"] = "I1", ["IndicatorTitle"] = "Departures", ["Baseline"] = "many" }, edit + "?handler=Indicator")).TextAsync();
        badNumber.ShouldContain("Enter a number, such as 1200 or 12.5");
        (await secretariat.PostFormAsync(edit, new Dictionary<string, string> { ["IndicatorCode"] = "I1", ["IndicatorTitle"] = "Departures abroad", ["Unit"] = "people", ["Baseline"] = "0", ["Target"] = "300", ["Linked"] = "departures" }, edit + "?handler=Indicator"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await secretariat.PostFormAsync(edit, new Dictionary<string, string> { ["IndicatorCode"] = "I2", ["IndicatorTitle"] = "Joint inspections", ["Target"] = "12" }, edit + "?handler=Indicator"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await secretariat.PostFormAsync(edit, new Dictionary<string, string> { ["RecommendationCode"] = "R1", ["Meeting"] = "Regional coordination meeting, Almaty", ["Text"] = "Cap recruitment fees." }, edit + "?handler=Recommendation"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await DeliverAllAsync(hub);

        // Both countries hold the plan now.
        var uzOfficer = pair.Uz.EnglishBrowser();
        await uzOfficer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var page = $"/plans/{code}";
        var atUz = await uzOfficer.GetAsync(page);
        atUz.StatusCode.ShouldBe(HttpStatusCode.OK);
        var uzText = await atUz.TextAsync();
        uzText.ShouldContain("Exchange of licence data");
        uzText.ShouldContain("Ministry of Labour and Social Protection");
        uzText.ShouldContain("Cap recruitment fees.");
        (await pair.Kz.WithDbAsync(d => d.Set<ActionPlan>().AnyAsync(p => p.Code == code))).ShouldBeTrue();

        // Uzbekistan reports its own part, and may not report Kazakhstan's.
        var update = $"/plans/{code}/update?kind=part&item=1.1&country=UZ";
        (await uzOfficer.PostFormAsync(update, new Dictionary<string, string> { ["Status"] = "Done", ["Notes"] = "Licences of 12 agencies are exchanged daily." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notOurs = await uzOfficer.GetAsync($"/plans/{code}/update?kind=part&item=1.1&country=KZ");
        notOurs.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        notOurs.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await uzOfficer.GetAsync($"/plans/{code}/update?kind=value&item=I1&country=UZ")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Its linked indicator's value comes from its own statistics for the plan's year.
        (await pair.Uz.WithScopeAsync(sp => sp.GetRequiredService<PlanValuePublisher>().PublishAsync())).ShouldBeGreaterThan(0);
        await DeliverAllAsync(pair.Uz);
        await DeliverAllAsync(hub);

        foreach (var node in new[] { hub, pair.Kz })
        {
            var plan = await node.WithScopeAsync(sp => sp.GetRequiredService<PlanQueries>().FindAsync(code));
            plan.ShouldNotBeNull();
            var part = plan.Activities.Single().Parts.Single(p => p.Country == "UZ");
            part.Status.ShouldBe(PlanStatus.Done);
            part.Notes.ShouldBe("Licences of 12 agencies are exchanged daily.");
            plan.Activities.Single().Parts.Single(p => p.Country == "KZ").Status.ShouldBe(PlanStatus.Planned);
            plan.Indicators.Single(i => i.Code == "I1").Values.Single(v => v.Country == "UZ").Actual.ShouldBe(240);
        }

        // The progress report downloads at Kazakhstan with Uzbekistan's part and value in it.
        var kzOfficer = pair.Kz.EnglishBrowser();
        await kzOfficer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var csv = await kzOfficer.GetAsync(page + "?handler=Csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var report = await csv.Content.ReadAsStringAsync();
        report.ShouldContain("activity,1.1,Exchange of licence data,UZ,Agency for External Labour Migration,2015-06-30,done,,,,Licences of 12 agencies are exchanged daily.");
        report.ShouldContain("indicator,I1,Departures abroad,UZ,,,,0,300,240,departures");
        report.ShouldContain("recommendation,R1,Cap recruitment fees.,KZ,\"Regional coordination meeting, Almaty\",,planned");

        // The same as data, for the officer signed in; nobody else.
        var json = System.Text.Json.Nodes.JsonNode.Parse(await kzOfficer.GetStringAsync($"/api/v1/plans/{code}"))!;
        json["activities"]![0]!["parts"]!.AsArray().Single(p => (string?)p!["country"] == "UZ")!["status"]!.GetValue<string>().ShouldBe("done");
        json["indicators"]!.AsArray().Single(i => (string?)i!["code"] == "I1")!["values"]![0]!["actual"]!.GetValue<decimal>().ShouldBe(240);
        (await pair.Kz.CreateClient().GetAsync($"/api/v1/plans/{code}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Kazakhstan enters its manual value; the hub sees it.
        (await kzOfficer.PostFormAsync($"/plans/{code}/update?kind=value&item=I2&country=KZ", new Dictionary<string, string> { ["Value"] = "-3" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await kzOfficer.PostFormAsync($"/plans/{code}/update?kind=value&item=I2&country=KZ", new Dictionary<string, string> { ["Value"] = "5" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await DeliverAllAsync(pair.Kz);
        (await hub.WithScopeAsync(sp => sp.GetRequiredService<PlanQueries>().FindAsync(code)))!.Indicators.Single(i => i.Code == "I2").Values.Single().Actual.ShouldBe(5);
        var hubPage = await secretariat.GetAsync(page);
        (await hubPage.TextAsync()).ShouldContain("Licences of 12 agencies are exchanged daily.");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_country_cannot_define_a_plan_or_speak_for_another_and_only_the_hub_defines_plans(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var hub = await pair.HubAsync();
        async Task<DeliveryAnswer> FromUzAsync(PlanUpdate update)
        {
            var envelope = new Envelope(Guid.CreateVersion7(), MessageType.ActionPlanUpdate, MessageFields.SchemaVersion, NodePair.Agreement, ExchangePurpose.Coordination,
                Envelope.Address(NodePair.UzAddress), Envelope.Address(NodePair.HubAddress), DateTimeOffset.UtcNow, update.ToJson());
            var token = await pair.Uz.WithScopeAsync(async sp =>
            {
                using var signer = await sp.GetRequiredService<NodeSigner>().BatchAsync();
                return signer.Sign(Envelope.TokenType, envelope.ToJson());
            });
            using var client = hub.CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/exchange/inbox", new DeliveryRequest([token]), Envelope.Json);
            return (await response.Content.ReadFromJsonAsync<DeliveryResponse>(Envelope.Json))!.Results.Single();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await FromUzAsync(new PlanUpdate(DemoActionPlans.Code, PlanUpdateKind.Activity, "9.9", today) { Title = "Something Uzbekistan made up" })).Detail.ShouldBe(PlanUpdateHandler.NotFromHub);
        (await FromUzAsync(new PlanUpdate(DemoActionPlans.Code, PlanUpdateKind.Part, "1.1", today) { Country = "KZ", Status = PlanStatus.Cancelled })).Detail.ShouldBe(PlanUpdateHandler.NotItsOwn);
        (await FromUzAsync(new PlanUpdate(DemoActionPlans.Code, PlanUpdateKind.Part, "1.1", today) { Country = "UZ", Lead = "Someone else" })).Detail.ShouldBe(PlanUpdateHandler.NotItsOwn);
        var plan = await hub.WithScopeAsync(sp => sp.GetRequiredService<PlanQueries>().FindAsync(DemoActionPlans.Code));
        plan!.Activities.ShouldNotContain(a => a.Code == "9.9");
        plan.Activities.Single(a => a.Code == "1.1").Parts.Single(p => p.Country == "KZ").Status.ShouldBe(PlanStatus.Done);

        // On a country's node, plans are not defined at all.
        var uzAdmin = pair.Uz.EnglishBrowser();
        await uzAdmin.SignInStaffAsync(DemoAccounts.AdminEmail);
        (await uzAdmin.GetAsync($"/plans/{DemoActionPlans.Code}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await uzAdmin.GetStringAsync("/plans")).ShouldNotContain("Start a new plan");
    }

    private static Task<int> SeedDeparturesAsync(CaravanApp node, int year) => node.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<CaravanDbContext>();
        for (var month = 1; month <= 12; month++)
        {
            db.AddRange(Enumerable.Range(0, 20).Select(i => new Fact
            {
                Kind = FactKind.Departure,
                Date = new DateOnly(year, month, 3),
                Sex = i % 2 == 0 ? "F" : "M",
                AgeBand = "25-29",
                RegionOfOrigin = "UZ-TK",
                Destination = "KZ",
                IscoGroup = "7",
                RecordedAt = DateTime.UtcNow.AddMinutes(-10),
            }));
        }

        await db.SaveChangesAsync();
        await sp.GetRequiredService<StatisticsFolder>().RebuildAsync();
        return 0;
    });

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_secretariat_sends_a_plan_again_and_a_party_that_lost_it_has_it_whole(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var hub = await pair.HubAsync();
        var code = "R-" + Guid.NewGuid().ToString("N")[..8];
        var secretariat = hub.EnglishBrowser();
        await secretariat.SignInStaffAsync(DemoAccounts.SecretariatEmail);
        (await secretariat.PostMultipartAsync("/plans", [new("Code", code), new("Title", "Plan " + code), new("Year", "2016"), new("Parties", "UZ"), new("Parties", "KZ")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = $"/plans/{code}/edit";
        (await secretariat.PostFormAsync(edit, new Dictionary<string, string>
        {
            ["ActivityCode"] = "2.1",
            ["ActivityTitle"] = "Joint inspections",
            ["Leads[UZ]"] = "Agency for External Labour Migration",
            ["Leads[KZ]"] = "Labour inspection",
        }, edit + "?handler=Activity")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await DeliverAllAsync(hub);
        (await pair.Uz.WithDbAsync(d => d.Set<ActionPlan>().AnyAsync(p => p.Code == code))).ShouldBeTrue();

        // The Uzbek node is restored from a backup older than the plan: it has lost it.
        await pair.Uz.WithDbAsync(async d =>
        {
            var plan = await d.Set<ActionPlan>().AsSplitQuery().Include(p => p.Activities).ThenInclude(a => a.Parts).SingleAsync(p => p.Code == code);
            d.Remove(plan);
            return await d.SaveChangesAsync();
        });

        // Only the secretariat may send it again; a country's officer may not, even on their own node.
        var officer = pair.Uz.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var plansPage = $"/plans/{code}";
        var before = await hub.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node));
        var resent = await secretariat.PostFormAsync(plansPage, new Dictionary<string, string>(), plansPage + "?handler=Resend");
        resent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The plan, its activity and one part per party, to each of the two parties.
        (await secretariat.GetStringAsync(resent.Headers.Location!.ToString())).ShouldContain("Queued 8 messages to the parties");
        (await hub.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node))).ShouldBe(before + 8);
        await DeliverAllAsync(hub);
        var restored = await pair.Uz.WithDbAsync(d => d.Set<ActionPlan>().AsNoTracking().AsSplitQuery().Include(p => p.Activities).ThenInclude(a => a.Parts).SingleAsync(p => p.Code == code));
        restored.Title.ShouldBe("Plan " + code);
        restored.Activities.ShouldHaveSingleItem().Parts.Select(p => p.Country).Order().ShouldBe(["KZ", "UZ"]);
        // Kazakhstan had it already: the copy it keeps is unchanged, once.
        (await pair.Kz.WithDbAsync(d => d.Set<ActionPlan>().CountAsync(p => p.Code == code))).ShouldBe(1);

        var forbidden = await officer.PostFormAsync(plansPage, new Dictionary<string, string>(), plansPage + "?handler=Resend");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forbidden.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    private static async Task DeliverAllAsync(CaravanApp node)
    {
        var ids = await node.WithDbAsync(d => d.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Channel == MessageChannel.Node && m.Template == "Exchange.ActionPlanUpdate" && m.Status != MessageStatus.Sent).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        foreach (var id in ids)
        {
            (await NodePair.DeliveredAsync(node, id)).Status.ShouldBe(MessageStatus.Sent);
        }
    }
}
