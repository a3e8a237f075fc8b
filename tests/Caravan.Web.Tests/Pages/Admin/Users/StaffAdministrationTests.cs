using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Admin.Users;

/// <summary>
/// Staff administration as a ministry runs it: invitations by e-mail through a real SMTP server, two-step sign-in
/// required, roles and scopes, switching accounts off, and the guards (own rights, last administrator, concurrent
/// edits), each refusal in the audit trail. Staging, so the development sink is not there; both databases. The tests
/// share one node per database and tell their mail and audit entries apart by recipient and content; the test that
/// changes the node-wide two-step rule has a node of its own.
/// </summary>
public sealed partial class StaffAdministrationTests(StaffAdministrationTests.SharedNodes nodes) : IClassFixture<StaffAdministrationTests.SharedNodes>
{
    /// <summary>One node, with its own SMTP server, per database, for the tests that leave node-wide settings alone.</summary>
    public sealed class SharedNodes : IAsyncDisposable
    {
        private readonly Dictionary<DatabaseProvider, (CaravanApp App, SmtpTestServer Smtp)> nodes = [];
        private readonly Lock gate = new();

        public CaravanApp Get(DatabaseProvider provider) => Node(provider).App;

        /// <summary>What the node's SMTP server received for one address.</summary>
        public List<MimeKit.MimeMessage> MailTo(DatabaseProvider provider, string address) =>
            Node(provider).Smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == address)).ToList();

        private (CaravanApp App, SmtpTestServer Smtp) Node(DatabaseProvider provider)
        {
            lock (gate)
            {
                if (!nodes.TryGetValue(provider, out var node))
                {
                    var smtp = new SmtpTestServer();
                    node = (StaffAdministrationTests.Node(provider, smtp), smtp);
                    _ = node.App.Server;
                    nodes[provider] = node;
                }

                return node;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (app, smtp) in nodes.Values)
            {
                await app.DisposeAsync();
                smtp.Dispose();
            }
        }
    }

    private const string Password = "Ministry-Officer-2026";

    [GeneratedRegex(@"https?://[^\s]+/account/invitation/[0-9a-f-]+\?token=[^\s]+")]
    private static partial Regex Link();

    [GeneratedRegex("id=\"shared-key\"[^>]*>([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    // Mail and the public address shape no data: each node starts from a copy of one Staging node with the demo data.
    private static CaravanApp Node(DatabaseProvider provider, SmtpTestServer smtp) => new(provider, new Dictionary<string, string?>
    {
        ["Demo:Enabled"] = "true",
        ["Messaging:Email:Provider"] = "Smtp",
        ["Messaging:Email:Host"] = "127.0.0.1",
        ["Messaging:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Email:Security"] = "None",
        ["Messaging:QuickRetries"] = "0",
        ["Node:PublicUrl"] = "https://caravan.gov.example/",
    }, environment: "Staging", seedSettings: ["Demo:Enabled"]);

    private static HttpClient Https(CaravanApp app)
    {
        var client = app.Browser();
        client.BaseAddress = new Uri("https://localhost");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static async Task<HttpClient> AdminAsync(CaravanApp app)
    {
        var admin = Https(app);
        (await admin.SignInStaffAsync(DemoAccounts.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return admin;
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient admin, string email, params string[] roles)
    {
        var form = new List<KeyValuePair<string, string>> { new("Email", email), new("DisplayName", "Malika Yusupova"), new("Access.CountryCode", "UZ") };
        form.AddRange(roles.Select(r => new KeyValuePair<string, string>("Access.Roles", r)));
        return PostListAsync(admin, "/admin/users/invite", form);
    }

    /// <summary>Like PostFormAsync, for forms where one name repeats (checkboxes).</summary>
    private static async Task<HttpResponseMessage> PostListAsync(HttpClient client, string page, List<KeyValuePair<string, string>> fields, string? postTo = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return await client.PostAsync(postTo ?? page, new FormUrlEncodedContent(fields));
    }

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>Posts one of the account page's forms as a browser would: with the page's token and the account's stamp.</summary>
    private static async Task<HttpResponseMessage> AccountActionAsync(HttpClient admin, Guid id, string handler)
    {
        var page = await admin.GetStringAsync($"/admin/users/{id}");
        var stamp = Regex.Match(page, "name=\"Stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        return await PostListAsync(admin, $"/admin/users/{id}", [new("Stamp", WebUtility.HtmlDecode(stamp))], $"/admin/users/{id}?handler={handler}");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_invited_officer_sets_a_password_and_two_step_sign_in_by_e_mail_and_then_works(DatabaseProvider provider)
    {
        using var smtp = new SmtpTestServer();
        await using var app = Node(provider, smtp);
        var admin = await AdminAsync(app);
        var invited = await InviteAsync(admin, "malika.yusupova@mehnat.uz", Roles.Officer);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = await (await admin.GetAsync(invited.Headers.Location!.OriginalString)).TextAsync();
        account.ShouldContain("An invitation was sent to malika.yusupova@mehnat.uz");
        account.ShouldContain("Invited, password not set yet");
        // The node's rule: two-step sign-in for every staff account, the administrator's own included.
        (await admin.PostFormAsync("/admin/users", new Dictionary<string, string> { ["RequireTwoFactor"] = "true" }, "/admin/users?handler=Policy"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/admin/users")).Headers.Location!.OriginalString.ShouldBe("/account/manage/two-factor?required=true");

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("malika.yusupova@mehnat.uz");
        mail.Subject.ShouldNotBeNull().ShouldContain("Caravan");
        var link = Link().Match(mail.TextBody!).Value;
        link.ShouldStartWith("https://caravan.gov.example/account/invitation/");

        var officer = Https(app);
        var setPassword = await officer.GetAsync(PathOf(link));
        setPassword.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await setPassword.TextAsync()).ShouldContain("malika.yusupova@mehnat.uz");
        var weak = await officer.PostFormAsync(PathOf(link), new Dictionary<string, string> { ["Password"] = "short", ["ConfirmPassword"] = "short", ["Token"] = Token(link) });
        (await weak.TextAsync()).ShouldContain("Choose a stronger password");
        var accepted = await officer.PostFormAsync(PathOf(link), new Dictionary<string, string> { ["Password"] = Password, ["ConfirmPassword"] = Password, ["Token"] = Token(link) });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe("/account/manage/two-factor?welcome=true");

        // Until two-step sign-in is on, every other page sends the officer back to set it up.
        var gated = await officer.GetAsync("/officer/persons");
        gated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        gated.Headers.Location!.OriginalString.ShouldBe("/account/manage/two-factor?required=true");
        // Trainers are staff too: their sessions' attendance and results are records like any other.
        var trainer = Https(app);
        (await trainer.SignInStaffAsync(DemoAccounts.TrainerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await trainer.GetAsync("/training/trainer")).Headers.Location?.OriginalString.ShouldBe("/account/manage/two-factor?required=true");

        var setupPage = await officer.GetAsync("/account/manage/two-factor?required=true");
        setupPage.StatusCode.ShouldBe(HttpStatusCode.OK, setupPage.Headers.Location?.OriginalString);
        var setup = await setupPage.TextAsync();
        setup.ShouldContain("requires two-step sign-in");
        var key = SharedKey().Match(setup).Groups[1].Value;
        (await officer.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/account/manage/two-factor?handler=Enable"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetAsync("/officer/persons")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The link worked once.
        var reused = await Https(app).GetAsync(PathOf(link));
        reused.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await reused.TextAsync()).ShouldContain("This invitation was already used");
        var reusedPost = await Https(app).PostFormAsync("/account/sign-in", new Dictionary<string, string>(), PathOf(link));
        reusedPost.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == AuditAction.Refused && a.EntityType == nameof(StaffInvitation)))).ShouldBe(1);

        // Every change to the account is in the trail.
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "malika.yusupova@mehnat.uz"));
        user.CountryCode.ShouldBe("UZ");
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(CaravanUser) && a.EntityId == user.Id.ToString()))).ShouldBeGreaterThanOrEqualTo(3);
    }

    private static string Token(string link) => Uri.UnescapeDataString(new Uri(link).Query.Split("token=")[1]);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_expired_invitation_says_so_and_is_audited(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        (await InviteAsync(admin, "late@mehnat.uz", Roles.Analyst)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = Link().Match(nodes.MailTo(provider, "late@mehnat.uz").Single().TextBody!).Value;
        await app.WithDbAsync(db => db.Set<StaffInvitation>().Where(i => db.Users.Any(u => u.Id == i.UserId && u.Email == "late@mehnat.uz")).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var page = await Https(app).GetAsync(PathOf(link));
        page.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await page.TextAsync()).ShouldContain("This invitation has expired");
        var post = await Https(app).PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Password"] = Password, ["ConfirmPassword"] = Password, ["Token"] = Token(link) }, PathOf(link));
        post.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "late@mehnat.uz"))).PasswordHash.ShouldBeNull();
        (await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == AuditAction.Refused && a.EntityType == nameof(StaffInvitation)).ToListAsync())).ShouldHaveSingleItem().Changes.ShouldContain("expired");

        // A new invitation replaces it; the old link stays dead.
        var id = (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "late@mehnat.uz"))).Id;
        (await AccountActionAsync(admin, id, "Resend")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        nodes.MailTo(provider, "late@mehnat.uz").Count.ShouldBe(2);
        (await Https(app).GetAsync(PathOf(Link().Match(nodes.MailTo(provider, "late@mehnat.uz")[1].TextBody!).Value))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await Https(app).GetAsync(PathOf(link))).TextAsync()).ShouldContain("This invitation was withdrawn");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_role_that_may_not_be_granted_is_refused_with_a_message_and_audited(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        var refused = await InviteAsync(admin, "someone@mehnat.uz", Roles.Migrant);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.TextAsync()).ShouldContain("You cannot give this role");
        nodes.MailTo(provider, "someone@mehnat.uz").ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "someone@mehnat.uz"))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == AuditAction.Refused && a.EntityId == "someone@mehnat.uz").ToListAsync())).ShouldHaveSingleItem().Changes.ShouldContain("Migrant");

        var missing = await InviteAsync(admin, "not-an-address", Roles.AgencyStaff);
        var text = await missing.TextAsync();
        text.ShouldContain("Enter an e-mail address in the correct format");
        text.ShouldContain("Select the agency this person works for");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_address_that_would_add_a_mail_header_or_a_second_recipient_is_refused_and_nothing_is_sent(DatabaseProvider provider)
    {
        // ASVS 1.3.11: the invitation is mailed to the address as typed, so an address must be exactly one address.
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        foreach (var injected in new[] { "someone@mehnat.uz\r\nBcc: spy@evil.example", "someone@mehnat.uz\nSubject: urgent", "someone@mehnat.uz%0d%0aBcc:spy@evil.example", "someone@mehnat.uz,spy@evil.example", "someone@mehnat.uz;spy@evil.example", "Someone <spy@evil.example>" })
        {
            var refused = await InviteAsync(admin, injected, Roles.Officer);
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, injected);
            (await refused.TextAsync()).ShouldContain("Enter an e-mail address in the correct format", customMessage: injected);
        }

        nodes.MailTo(provider, "spy@evil.example").ShouldBeEmpty();
        nodes.MailTo(provider, "someone@mehnat.uz").ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email!.Contains("evil.example") || u.Email!.StartsWith("someone@mehnat.uz")))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Switching_an_account_off_ends_its_sessions_at_once(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var officer = Https(app);
        (await officer.SignInStaffAsync(DemoAccounts.OfficerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.GetAsync("/officer/persons")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await AdminAsync(app);
        var id = (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.OfficerEmail))).Id;
        (await AccountActionAsync(admin, id, "Deactivate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await admin.GetAsync($"/admin/users/{id}")).TextAsync()).ShouldContain("Switched off");

        var after = await officer.GetAsync("/officer/persons");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
        (await (await Https(app).SignInStaffAsync(DemoAccounts.OfficerEmail)).TextAsync()).ShouldContain("govuk-error-summary");

        (await AccountActionAsync(admin, id, "Reactivate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Https(app).SignInStaffAsync(DemoAccounts.OfficerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_administrator_cannot_raise_their_own_rights_nor_remove_the_last_administrator(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        var self = (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.AdminEmail))).Id;

        var selfPage = await admin.GetStringAsync($"/admin/users/{self}");
        var selfStamp = WebUtility.HtmlDecode(Regex.Match(selfPage, "name=\"Stamp\" value=\"([^\"]+)\"").Groups[1].Value);
        var raise = await PostListAsync(admin, $"/admin/users/{self}",
            [new("Access.Roles", Roles.Admin), new("Access.Roles", Roles.Analyst), new("Access.CountryCode", "UZ"), new("Stamp", selfStamp)], $"/admin/users/{self}?handler=Access");
        (await raise.TextAsync()).ShouldContain("You cannot change your own roles");
        (await app.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<CaravanUser>>().IsInRoleAsync(
            (await sp.GetRequiredService<UserManager<CaravanUser>>().FindByIdAsync(self.ToString()))!, Roles.Analyst))).ShouldBeFalse();
        (await (await AccountActionAsync(admin, self, "Deactivate")).TextAsync())
            .ShouldContain("You cannot change your own roles or switch off your own account");

        // The only active administrator cannot be switched off or lose the role, whoever asks.
        var result = await app.WithScopeAsync(sp =>
        {
            var accounts = sp.GetRequiredService<StaffAccounts>();
            var stamp = sp.GetRequiredService<CaravanDbContext>().Users.Single(u => u.Id == self).ConcurrencyStamp;
            return accounts.DeactivateAsync(Guid.Empty, self, stamp);
        });
        result.ShouldBe(StaffChange.LastAdministrator);
        (await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == AuditAction.Refused && a.EntityId == self.ToString()))).ShouldBe(3);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_change_saved_by_someone_else_first_is_not_overwritten(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        var analyst = (await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.AnalystEmail))).Id;
        var page = await admin.GetStringAsync($"/admin/users/{analyst}");
        var stamp = Regex.Match(page, "name=\"Stamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        // A colleague resets the analyst's two-step sign-in in the meantime.
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(analyst.ToString()))!);
            return 0;
        });

        var stale = await admin.PostAsync($"/admin/users/{analyst}?handler=Access", new FormUrlEncodedContent(
        [
            new("Access.Roles", Roles.Analyst), new("Access.Roles", Roles.Officer), new("Access.CountryCode", "UZ"),
            new("Stamp", WebUtility.HtmlDecode(stamp)), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
        ]));
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.TextAsync()).ShouldContain("Someone else changed this account");
        (await app.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<CaravanUser>>().GetRolesAsync(
            (await sp.GetRequiredService<UserManager<CaravanUser>>().FindByIdAsync(analyst.ToString()))!))).ShouldBe([Roles.Analyst]);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Staff_are_found_by_name_or_e_mail_and_filtered_by_role_and_state(DatabaseProvider provider)
    {
        var app = nodes.Get(provider);
        var admin = await AdminAsync(app);
        var consuls = await admin.GetStringAsync("/admin/users?q=CONSUL");
        consuls.ShouldContain(DemoAccounts.ConsularEmail);
        consuls.ShouldContain(DemoAccounts.ConsularLeadEmail);
        consuls.ShouldNotContain(DemoAccounts.AnalystEmail);

        var agencyStaff = await admin.GetStringAsync("/admin/users?role=AgencyStaff");
        agencyStaff.ShouldContain(DemoAccounts.AgencyEmail);
        agencyStaff.ShouldNotContain(DemoAccounts.OfficerEmail);
        // Migrants are not staff and never listed.
        (await admin.GetStringAsync("/admin/users")).ShouldNotContain(DemoAccounts.MigrantPhone);

        (await InviteAsync(admin, "new.analyst@stat.uz", Roles.Analyst)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var invited = await admin.GetStringAsync("/admin/users?state=Invited");
        invited.ShouldContain("new.analyst@stat.uz");
        invited.ShouldNotContain(DemoAccounts.AdminEmail);
    }
}
