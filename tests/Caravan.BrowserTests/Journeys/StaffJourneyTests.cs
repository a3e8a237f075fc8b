using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.BrowserTests.Journeys;

/// <summary>
/// In Russian, an administrator invites a ministry officer by e-mail; the officer opens the link from the e-mail
/// (read from the development outbox), sets a password and two-step sign-in, and works; the administrator finds the
/// account active with two-step sign-in on, and sees the e-mail in the outbox. axe on every page.
/// </summary>
[Collection(nameof(BrowserJourneys))]
public partial class StaffJourneyTests(BrowserFixture fixture)
{
    private const string Email = "dilfuza.karimova@mehnat.uz";
    private const string Password = "Ministry-Officer-2026";

    [GeneratedRegex(@"https?://\S+/account/invitation/[0-9a-f-]+\?token=\S+")]
    private static partial Regex Link();

    [Fact]
    public async Task An_administrator_invites_an_officer_who_sets_a_password_and_two_step_sign_in()
    {
        var admin = await SignIn.StaffAsync(fixture, DemoAccounts.AdminEmail, "ru");
        await admin.GotoAsync("/dashboard/admin");
        await admin.ClickAsync("a[href='/admin/users']");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/users$"));
        await admin.InspectAsync("staff-list-ru");
        await admin.ClickAsync("#invite");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/users/invite$"));

        // Nothing filled in: every problem is named, in Russian.
        await admin.ClickAsync("#send-invitation");
        await Assertions.Expect(admin.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await admin.InspectAsync("staff-invite-errors-ru");

        await admin.FillAsync("#Email", Email);
        await admin.FillAsync("#DisplayName", "Дилфуза Каримова");
        await admin.CheckAsync("#role-Officer");
        await admin.ClickAsync("#send-invitation");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/users/[0-9a-f-]+$"));
        await Assertions.Expect(admin.Locator("#staff-invited")).ToContainTextAsync(Email);
        await admin.InspectAsync("staff-account-ru");

        var mail = await fixture.NewPageAsync();
        await mail.GotoAsync("/dev/codes");
        var link = Link().Match(await mail.Locator($"td[data-phone='{Email}'] + td").First.InnerTextAsync()).Value;
        link.ShouldNotBeNullOrEmpty();
        await mail.CloseAsync();

        var officer = await fixture.NewPageAsync(acceptLanguage: "ru");
        await officer.GotoAsync(new Uri(link).PathAndQuery);
        await officer.InspectAsync("staff-set-password-ru");
        await officer.FillAsync("#Password", Password);
        await officer.FillAsync("#ConfirmPassword", Password);
        await officer.ClickAsync("#set-password");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/account/manage/two-factor\\?welcome=true$"));
        await Assertions.Expect(officer.Locator("#two-factor-required")).ToBeVisibleAsync();
        await officer.InspectAsync("staff-two-factor-ru");
        var key = await officer.Locator("#shared-key").InnerTextAsync();
        await officer.FillAsync("#Code", Totp.Code(key, DateTimeOffset.UtcNow));
        await officer.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(officer.Locator("#recovery-codes")).ToBeVisibleAsync();
        await officer.GotoAsync("/officer/persons");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/officer/persons$"));

        // The link worked once.
        var again = await fixture.NewPageAsync(acceptLanguage: "ru");
        await again.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(again.Locator("#invitation-problem")).ToBeVisibleAsync();
        await again.InspectAsync("staff-invitation-used-ru");

        await admin.GotoAsync("/admin/users?state=Active&q=karimova");
        await Assertions.Expect(admin.Locator("#staff")).ToContainTextAsync(Email);
        await admin.InspectAsync("staff-filtered-ru");
        await admin.GotoAsync("/admin/messages?status=Sent");
        await Assertions.Expect(admin.Locator("#messages")).ToContainTextAsync("Email.Invitation");
        await admin.InspectAsync("outbox-ru");
    }
}
