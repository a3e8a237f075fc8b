using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Account;

public partial class TwoFactorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Password = "Two-Step-Sign-In-2026";

    [GeneratedRegex("id=\"shared-key\"[^>]*>([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Staff_turn_on_an_authenticator_and_then_need_its_code_to_sign_in(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var email = await CreateOfficerAsync(app);
        var client = app.Browser();
        (await client.SignInStaffAsync(email, Password)).Headers.Location!.OriginalString.ShouldBe("/dashboard");

        var setup = await client.GetStringAsync("/account/manage/two-factor?culture=en");
        setup.ShouldContain("data:image/png;base64,");
        var key = SharedKey().Match(setup).Groups[1].Value;
        key.ShouldNotBeNullOrEmpty();

        var wrong = await client.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = "000000" }, "/account/manage/two-factor?handler=Enable");
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");

        var enabled = await client.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/account/manage/two-factor?handler=Enable");
        var recovery = RecoveryCode().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        recovery.Count.ShouldBe(8);
        // Kept as hashes: the tokens table holds none of the codes the officer was shown.
        var stored = await app.WithDbAsync(ctx => ctx.UserTokens
            .Where(t => t.Name == "RecoveryCodes" && ctx.Users.Any(u => u.Id == t.UserId && u.Email == email)).Select(t => t.Value).SingleAsync());
        stored.ShouldNotBeNull().Split(';').Length.ShouldBe(8);
        recovery.ShouldAllBe(code => !stored.Contains(code, StringComparison.OrdinalIgnoreCase));

        // A new session now needs the second step.
        var next = app.Browser();
        var first = await next.SignInStaffAsync(email, Password);
        first.Headers.Location!.OriginalString.ShouldStartWith("/account/two-factor");
        (await next.GetAsync("/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await next.PostFormAsync(first.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = "123456" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var good = await next.PostFormAsync(first.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        good.Headers.Location!.OriginalString.ShouldBe("/dashboard");

        // A recovery code works once.
        var lostPhone = app.Browser();
        var step = await lostPhone.SignInStaffAsync(email, Password);
        var recovered = await lostPhone.PostFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = recovery[0] });
        recovered.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var again = app.Browser();
        var step2 = await again.SignInStaffAsync(email, Password);
        (await again.PostFormAsync(step2.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = recovery[0] })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Migrants_have_no_authenticator_page()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var client = app.Browser();
        await client.SignInMigrantAsync(app, "+99891" + Random.Shared.Next(1000000, 9999999));
        (await client.GetAsync("/account/manage/two-factor")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string> CreateOfficerAsync(CaravanApp app)
    {
        var email = $"officer-{Guid.NewGuid():N}@example.org";
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var user = new CaravanUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
            return (await users.AddToRoleAsync(user, Roles.Officer)).Succeeded;
        });
        return email;
    }
}
