using System.Net;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17: an Uzbek consular officer refers a case to Kazakh labour inspection and sees its status change. Only the
/// agreement's fields leave the Uzbek node; the Kazakh inspection reports back through signed messages.
/// </summary>
[Collection(NodePairGroup.Name)]
public class CaseReferralTests(NodePairFixture fixture)
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_consular_officer_refers_a_case_to_Kazakh_inspection_and_sees_its_status_change(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var lead = pair.Uz.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        var opened = await lead.PostMultipartAsync("/cases/new",
        [
            new("Form.SubmissionKey", Guid.NewGuid().ToString()),
            new("Form.Category", nameof(CaseCategory.UnpaidWages)),
            new("Form.Country", "KZ"),
            new("Form.City", "Almaty"),
            new("Form.Employer", "Almaty Build LLP"),
            new("Form.Narrative", "Dilnoza Karimova, passport AB1234567, has not been paid for three months."),
        ]);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.TextAsync());
        var file = opened.Headers.Location!.ToString();
        var reference = file["/cases/".Length..];
        (await lead.GetStringAsync(file)).ShouldContain($"/cases/{reference}/refer-abroad");

        var page = $"/cases/{reference}/refer-abroad";
        (await lead.GetStringAsync(page)).ShouldContain("Enbek (Kazakhstan) (KZ)");
        var empty = await (await lead.PostFormAsync(page, new Dictionary<string, string> { ["PartnerId"] = pair.KzAtUz.ToString(), ["Summary"] = " " })).TextAsync();
        empty.ShouldContain("Write a summary for the partner");
        var summary = "A worker from Uzbekistan has not been paid for three months by a construction employer in Almaty. We ask for an inspection of the employer.";
        (await lead.PostFormAsync(page, new Dictionary<string, string> { ["PartnerId"] = pair.KzAtUz.ToString(), ["Summary"] = summary })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var referral = await pair.Uz.WithDbAsync(d => d.Set<CaseReferral>().SingleAsync(r => r.PartnerId == pair.KzAtUz && r.CaseId == d.Set<LegalCase>().Single(c => c.Reference == reference).Id));
        referral.Status.ShouldBe(ReferralStatuses.Sent);
        (await NodePair.DeliveredAsync(pair.Uz, referral.MessageId)).Status.ShouldBe(MessageStatus.Sent);

        // At the Kazakh node: the referral, with the summary but none of the narrative, the name, the passport or the case's reference.
        var inspector = pair.Kz.EnglishBrowser();
        await inspector.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var list = System.Net.WebUtility.HtmlDecode(await inspector.GetStringAsync("/exchange/referrals"));
        list.ShouldContain(summary);
        list.ShouldContain("Almaty Build LLP");
        list.ShouldNotContain("Dilnoza");
        list.ShouldNotContain("AB1234567");
        list.ShouldNotContain(reference);
        var referred = await pair.Kz.WithDbAsync(d => d.Set<ReferredCase>().SingleAsync(r => r.CaseRef == referral.Id.ToString()));
        referred.Status.ShouldBe(ReferralStatuses.Received);

        // The receipt came back on its own: the consular officer sees "Received".
        var receipt = await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Channel == MessageChannel.Node && m.Template == "Exchange.CaseStatus").OrderBy(m => m.CreatedAt).Select(m => m.Id).FirstAsync());
        (await NodePair.DeliveredAsync(pair.Kz, receipt)).Status.ShouldBe(MessageStatus.Sent);
        (await lead.GetStringAsync(page)).ShouldContain("data-status=\"received\"");

        // The inspector takes it up: "in progress" reaches the Uzbek case, and its timeline records it.
        (await (await inspector.PostFormAsync("/exchange/referrals", new Dictionary<string, string> { [$"Status-{referred.Id}"] = "opened" }, $"/exchange/referrals?handler=Status&id={referred.Id}")).TextAsync())
            .ShouldContain("Choose a status from the list");
        (await inspector.PostFormAsync("/exchange/referrals", new Dictionary<string, string> { [$"Status-{referred.Id}"] = "inProgress" }, $"/exchange/referrals?handler=Status&id={referred.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var update = await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Channel == MessageChannel.Node && m.Template == "Exchange.CaseStatus").OrderByDescending(m => m.CreatedAt).Select(m => m.Id).FirstAsync());
        (await NodePair.DeliveredAsync(pair.Kz, update)).Status.ShouldBe(MessageStatus.Sent);
        var after = await lead.GetStringAsync(page);
        after.ShouldContain("data-status=\"inProgress\"");
        after.ShouldContain("In progress");
        (await lead.GetStringAsync(file)).ShouldContain("Enbek (Kazakhstan): inProgress");
    }
}
