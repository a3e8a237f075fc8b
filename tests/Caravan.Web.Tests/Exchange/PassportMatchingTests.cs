using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17: a worker without a departure card is named by a keyed hash of their passport number, under a key the two
/// nodes' administrators agreed. The number and the key never leave either node; the Uzbek node finds its citizen by
/// the hash and records the employment.
/// </summary>
[Collection(NodePairGroup.Name)]
public partial class PassportMatchingTests(NodePairFixture fixture)
{
    [GeneratedRegex("<code class=\"caravan-secret\">([A-Za-z0-9_-]{43})</code>")]
    private static partial Regex GeneratedKey();

    private static Dictionary<string, string> Form(Guid partner, string? card, string? passport) => new()
    {
        ["PartnerId"] = partner.ToString(),
        ["CardCode"] = card ?? "",
        ["PassportNumber"] = passport ?? "",
        ["PermitKind"] = "patent",
        ["OnDay"] = "1",
        ["OnMonth"] = "11",
        ["OnYear"] = "2026",
        ["Occupation"] = "",
        ["Region"] = "",
        ["EmployerName"] = "",
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_worker_named_by_passport_hash_under_the_agreed_key_is_found_and_the_number_never_leaves(DatabaseProvider db)
    {
        var pair = await fixture.GetAsync(db);
        var suffix = db == DatabaseProvider.Sqlite ? "1" : "2";
        var document = "AC179000" + suffix;
        var reference = await Registration.RegisterAsync(pair.Uz, pair.Uz.EnglishBrowser(), "+99890179000" + suffix,
            new("Dilnoza", "Karimova", null, new DateOnly(1998, 2, 3), "Female", document, "UZ-SA"));
        var personId = await pair.Uz.WithDbAsync(d => d.Set<Person>().Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync());

        var kzOfficer = pair.Kz.EnglishBrowser();
        await kzOfficer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var uzAdmin = pair.Uz.EnglishBrowser();
        await uzAdmin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var kzAdmin = pair.Kz.EnglishBrowser();
        await kzAdmin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var uzPartnerPage = $"/admin/partners/edit/{pair.KzAtUz}";
        var kzPartnerPage = $"/admin/partners/edit/{pair.UzAtKz}";
        var queuedBefore = await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node));
        try
        {
            // No key agreed yet: a passport number cannot be sent, and card and passport together are refused.
            (await kzAdmin.GetStringAsync(kzPartnerPage)).ShouldContain("No key agreed");
            var noKey = await (await kzOfficer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, null, document))).TextAsync();
            noKey.ShouldContain("No passport-matching key is agreed with this country");
            var both = await (await kzOfficer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, "CRV-7KQ2-M9XD-4TPA", document))).TextAsync();
            both.ShouldContain("Enter the departure card code or the passport number, not both");
            (await pair.Kz.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node))).ShouldBe(queuedBefore);

            // The Uzbek administrator generates the key and sees it once; the Kazakh administrator enters it.
            var generated = await (await uzAdmin.PostFormAsync(uzPartnerPage, new Dictionary<string, string>(), uzPartnerPage + "?handler=GenerateMatchingKey")).TextAsync();
            var key = GeneratedKey().Match(generated).Groups[1].Value;
            key.Length.ShouldBe(43);
            var shown = await uzAdmin.GetStringAsync(uzPartnerPage);
            shown.ShouldContain("Key agreed");
            shown.ShouldNotContain(key);
            (await pair.Uz.WithDbAsync(d => d.Set<PartnerMatchingKey>().SingleAsync(k => k.PartnerId == pair.KzAtUz))).KeyCipher.ShouldNotContain(key);

            var wrong = await (await kzAdmin.PostFormAsync(kzPartnerPage, new Dictionary<string, string> { ["MatchingKey"] = "not-a-key" }, kzPartnerPage + "?handler=MatchingKey")).TextAsync();
            wrong.ShouldContain("This is not a key");
            (await kzAdmin.PostFormAsync(kzPartnerPage, new Dictionary<string, string> { ["MatchingKey"] = key }, kzPartnerPage + "?handler=MatchingKey")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await kzAdmin.GetStringAsync(kzPartnerPage)).ShouldContain("Key agreed");

            // The officer types the number as it is printed; only its hash leaves, and the list shows two characters.
            var typed = document[..2].ToLowerInvariant() + " " + document[2..5] + "-" + document[5..];
            (await kzOfficer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, null, typed))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var report = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().OrderByDescending(r => r.CreatedAt).FirstAsync());
            report.CardCode.ShouldBeNull();
            report.DocumentHint.ShouldBe(SensitiveData.Mask(document));
            var body = await pair.Kz.WithScopeAsync(async sp => sp.GetRequiredService<SensitiveData>().Unprotect(
                (await sp.GetRequiredService<CaravanDbContext>().Set<OutboxMessage>().SingleAsync(m => m.Id == report.MessageId)).BodyCipher));
            body.ShouldNotContain(document[2..]);
            body.ShouldNotContain(key);
            body.ShouldContain("passportHash");
            (await kzOfficer.GetStringAsync("/exchange/employment")).ShouldContain(report.DocumentHint!);

            // The Uzbek node finds the citizen by the hash, though its index had not yet seen this record.
            (await NodePair.DeliveredAsync(pair.Kz, report.MessageId)).Status.ShouldBe(MessageStatus.Sent);
            var employment = await pair.Uz.WithDbAsync(d => d.Set<EmploymentAbroad>().SingleAsync(e => e.MessageId == report.MessageId));
            employment.PersonId.ShouldBe(personId);
            employment.DepartureId.ShouldBeNull();
            employment.PermitKind.ShouldBe("patent");
            (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().SingleAsync(m => m.Id == report.MessageId))).Outcome.ShouldBe(EmploymentRegisteredHandler.Recorded);

            // A number nobody registered matches nobody, and writes nothing on a record.
            (await kzOfficer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, null, "ZZ9999999"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var unknown = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().OrderByDescending(r => r.CreatedAt).FirstAsync());
            (await NodePair.DeliveredAsync(pair.Kz, unknown.MessageId)).Status.ShouldBe(MessageStatus.Sent);
            (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().SingleAsync(m => m.Id == unknown.MessageId))).Outcome.ShouldBe(EmploymentRegisteredHandler.NoPassport);
            (await pair.Uz.WithDbAsync(d => d.Set<EmploymentAbroad>().AnyAsync(e => e.MessageId == unknown.MessageId))).ShouldBeFalse();

            // A key changed on one side only: the hashes no longer agree, and the report matches nobody.
            (await uzAdmin.PostFormAsync(uzPartnerPage, new Dictionary<string, string>(), uzPartnerPage + "?handler=GenerateMatchingKey")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await kzOfficer.PostFormAsync("/exchange/employment", Form(pair.UzAtKz, null, document))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var stale = await pair.Kz.WithDbAsync(d => d.Set<EmploymentReport>().OrderByDescending(r => r.CreatedAt).FirstAsync());
            (await NodePair.DeliveredAsync(pair.Kz, stale.MessageId)).Status.ShouldBe(MessageStatus.Sent);
            (await pair.Uz.WithDbAsync(d => d.Set<InboxMessage>().SingleAsync(m => m.Id == stale.MessageId))).Outcome.ShouldBe(EmploymentRegisteredHandler.NoPassport);
        }
        finally
        {
            // The pair is shared: leave both trust lists without a key, as found.
            await uzAdmin.PostFormAsync(uzPartnerPage, new Dictionary<string, string>(), uzPartnerPage + "?handler=RemoveMatchingKey");
            await kzAdmin.PostFormAsync(kzPartnerPage, new Dictionary<string, string>(), kzPartnerPage + "?handler=RemoveMatchingKey");
        }

        (await pair.Uz.WithDbAsync(d => d.Set<PartnerPassportHash>().CountAsync(h => h.PartnerId == pair.KzAtUz))).ShouldBe(0);
        (await uzAdmin.GetStringAsync(uzPartnerPage)).ShouldContain("No key agreed");
    }
}
