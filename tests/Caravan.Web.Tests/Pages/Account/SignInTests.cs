using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Account;

public class SignInTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<DatabaseProvider, string, string> StaffDashboards()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var db in new Databases())
        {
            data.Add(db, DemoAccounts.AdminEmail, "/dashboard/admin");
            data.Add(db, DemoAccounts.OfficerEmail, "/dashboard/officer");
            data.Add(db, DemoAccounts.ConsularEmail, "/dashboard/consular");
            data.Add(db, DemoAccounts.AnalystEmail, "/dashboard/analyst");
            data.Add(db, DemoAccounts.AgencyEmail, "/dashboard/agency");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StaffDashboards))]
    public async Task Each_staff_role_lands_on_its_dashboard(DatabaseProvider db, string email, string dashboard)
    {
        var client = fixture.Get(db).Browser();
        var signIn = await client.SignInStaffAsync(email);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var hub = await client.GetAsync("/dashboard");
        hub.Headers.Location!.OriginalString.ShouldBe(dashboard);
        var page = await client.GetAsync(dashboard + "?culture=en");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Sign out");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Migrant_signs_in_with_phone_and_one_time_code(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        var done = await client.SignInMigrantAsync(app, DemoAccounts.MigrantPhone);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var page = await client.GetAsync("/dashboard/migrant?culture=en");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("+998*******67");
        html.ShouldNotContain(DemoAccounts.MigrantPhone);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_new_phone_number_creates_a_migrant_account_on_first_code(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+99893" + Random.Shared.Next(1000000, 9999999);
        var done = await app.Browser().SignInMigrantAsync(app, phone);
        done.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var confirmed = await app.WithDbAsync(ctx => ctx.Users.Where(u => u.UserName == phone).Select(u => u.PhoneNumberConfirmed).SingleAsync());
        confirmed.ShouldBeTrue();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_used_code_does_not_work_twice_and_the_next_code_issued_is_another(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+99894" + Random.Shared.Next(1000000, 9999999);
        Task<string?> StampAsync() => app.WithDbAsync(ctx => ctx.Users.Where(u => u.UserName == phone).Select(u => u.SecurityStamp).SingleAsync());
        (await app.Browser().SignInMigrantAsync(app, phone)).Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var used = HttpExtensions.LatestCode(app, phone);
        var stampAfterUse = await StampAsync();

        // Asking again issues a code for the new security stamp: codes are TOTP keyed by the stamp, which the use
        // changed, so the used code is spent. The two are alike only by chance, one time in a million.
        var again = app.Browser();
        await again.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = phone });
        var next = HttpExtensions.LatestCode(app, phone);
        next.ShouldNotBe(used);
        (await StampAsync()).ShouldBe(stampAfterUse);

        var reuse = await again.PostFormAsync("/account/code", new Dictionary<string, string> { ["Code"] = used });
        reuse.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reuse.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
        (await again.GetAsync("/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var fresh = await again.PostFormAsync("/account/code", new Dictionary<string, string> { ["Code"] = next });
        fresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        fresh.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        (await StampAsync()).ShouldNotBe(stampAfterUse);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+0123")]
    [InlineData("")]
    [InlineData("+99890 CALL ME")]
    public async Task Bad_phone_numbers_get_a_clear_message_and_no_account(string phone)
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var usersBefore = await app.WithDbAsync(ctx => ctx.Users.CountAsync());
        var response = await app.Browser().PostFormAsync("/account/phone?culture=en", new Dictionary<string, string> { ["Phone"] = phone });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is a problem");
        html.ShouldMatch("Enter (a|your mobile) phone number");
        (await app.WithDbAsync(ctx => ctx.Users.CountAsync())).ShouldBe(usersBefore);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_a_message_in_the_users_language()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var client = app.Browser();
        await client.GetAsync("/?culture=ru");
        await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = "+998955550101" });
        var wrong = await client.PostFormAsync("/account/code", new Dictionary<string, string> { ["Code"] = "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await wrong.Content.ReadAsStringAsync();
        html.ShouldContain("lang=\"ru\"");
        html.ShouldContain("govuk-error-summary");
        (await client.GetAsync("/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Wrong_password_gives_one_message_and_five_failures_lock_the_account(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var email = $"lock-{Guid.NewGuid():N}@example.org";
        await app.WithScopeAsync(async sp =>
        {
            var users = (Microsoft.AspNetCore.Identity.UserManager<CaravanUser>)sp.GetService(typeof(Microsoft.AspNetCore.Identity.UserManager<CaravanUser>))!;
            var user = new CaravanUser { UserName = email, Email = email };
            (await users.CreateAsync(user, "Correct-Horse-2026")).Succeeded.ShouldBeTrue();
            return (await users.AddToRoleAsync(user, Roles.Officer)).Succeeded;
        });
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SignInStaffAsync(email, "not-the-password");
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var locked = await app.Browser().PostFormAsync("/account/sign-in?culture=en", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = "Correct-Horse-2026",
        });
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("locked");
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_read_the_same()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var unknown = await app.Browser().PostFormAsync("/account/sign-in?culture=en", new Dictionary<string, string> { ["Email"] = "nobody@example.org", ["Password"] = "whatever-long-enough" });
        var wrong = await app.Browser().PostFormAsync("/account/sign-in?culture=en", new Dictionary<string, string> { ["Email"] = DemoAccounts.AnalystEmail, ["Password"] = "whatever-long-enough" });
        var a = await unknown.Content.ReadAsStringAsync();
        var b = await wrong.Content.ReadAsStringAsync();
        a.ShouldContain("The email address or password is not right.");
        b.ShouldContain("The email address or password is not right.");
    }

    [Theory]
    [InlineData("", "", "Enter your email address")]
    [InlineData("not-an-email", "x", "Enter an email address in the correct format")]
    public async Task Malformed_sign_in_form_gets_field_messages(string email, string password, string message)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().PostFormAsync("/account/sign-in?culture=en",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(message);
        html.ShouldContain("href=\"#Email\"");
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_with_a_localised_page()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        var response = await client.PostAsync("/account/sign-in?culture=ru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.AdminEmail,
            ["Password"] = new DemoOptions().StaffPassword,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("lang=\"ru\"");
        response.Headers.Contains("Set-Cookie").ShouldBeTrue(); // culture cookie only; no auth cookie
        response.Headers.GetValues("Set-Cookie").ShouldNotContain(c => c.StartsWith("caravan.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_or_tampered_session_goes_back_to_sign_in()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        client.DefaultRequestHeaders.Add("Cookie", "caravan.auth=CfDJ8tampered-session-value");
        var response = await client.GetAsync("/dashboard/admin");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/sign-in");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        await client.SignInStaffAsync(DemoAccounts.AnalystEmail);
        (await client.GetAsync("/dashboard/analyst")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signedOut = await client.PostFormAsync("/dashboard/analyst", new Dictionary<string, string>(), "/account/sign-out");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Whatever the browser kept offline (a departure card's copy) goes with the session.
        signedOut.Headers.GetValues("Clear-Site-Data").Single().ShouldBe("\"cache\", \"storage\"");
        (await client.GetAsync("/dashboard/analyst")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
