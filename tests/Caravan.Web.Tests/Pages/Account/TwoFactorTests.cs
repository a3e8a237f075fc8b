using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Messaging;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

        // Turned on with the code of the step before (accepted as one step late), so the current step's code, not yet
        // used, signs in below: each step's code works once.
        var at = await Totp.WellInsideAStepAsync();
        var enabled = await client.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, at.AddSeconds(-30)) }, "/account/manage/two-factor?handler=Enable");
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
        var good = await next.PostFormAsync(first.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = Totp.Code(key, at) });
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

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_authenticator_code_that_turned_two_step_sign_in_on_is_refused_when_used_again_to_sign_in(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var email = await CreateOfficerAsync(app);
        var client = app.Browser();
        await client.SignInStaffAsync(email, Password);
        var key = SharedKey().Match(await client.GetStringAsync("/account/manage/two-factor?culture=en")).Groups[1].Value;
        var code = Totp.Code(key, await Totp.WellInsideAStepAsync());
        var enabled = await client.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = code }, "/account/manage/two-factor?handler=Enable");
        RecoveryCode().Count(await enabled.Content.ReadAsStringAsync()).ShouldBe(8);

        var replay = app.Browser();
        var step = await replay.SignInStaffAsync(email, Password);
        step.Headers.Location!.OriginalString.ShouldStartWith("/account/two-factor");
        var refused = await replay.PostFormAsync(step.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = code });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
        (await replay.GetAsync("/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_authenticator_code_one_step_old_is_accepted_but_two_steps_old_or_one_step_ahead_is_not(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (user, key) = await AuthenticatorUserAsync(app);
        var now = StepStart(DateTimeOffset.UtcNow).AddSeconds(12);
        (await CheckAsync(app, user, Totp.Code(key, now.AddSeconds(-60)), now)).ShouldBeFalse("two steps old");
        (await CheckAsync(app, user, Totp.Code(key, now.AddSeconds(30)), now)).ShouldBeFalse("one step ahead");
        (await CheckAsync(app, user, Totp.Code(key, now.AddSeconds(-30)), now)).ShouldBeTrue("one step old");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_authenticator_code_is_refused_for_the_step_last_accepted_and_any_before_it_and_accepted_for_the_next(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (user, key) = await AuthenticatorUserAsync(app);
        var now = StepStart(DateTimeOffset.UtcNow).AddSeconds(5);
        (await CheckAsync(app, user, Totp.Code(key, now), now)).ShouldBeTrue("first use");
        (await CheckAsync(app, user, Totp.Code(key, now), now)).ShouldBeFalse("same step again");
        (await CheckAsync(app, user, Totp.Code(key, now.AddSeconds(-30)), now)).ShouldBeFalse("an earlier step, though within the drift");
        (await CheckAsync(app, user, Totp.Code(key, now), now.AddSeconds(30))).ShouldBeFalse("the used code, now one step old");
        (await CheckAsync(app, user, Totp.Code(key, now.AddSeconds(30)), now.AddSeconds(30))).ShouldBeTrue("the next step");
        (await app.WithDbAsync(ctx => ctx.Users.Where(u => u.Id == user).Select(u => u.AuthenticatorStep).SingleAsync()))
            .ShouldBe(OneUseAuthenticatorTokenProvider.StepAt(now) + 1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Of_eight_concurrent_checks_of_one_authenticator_code_exactly_one_passes(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (user, key) = await AuthenticatorUserAsync(app);
        var now = StepStart(DateTimeOffset.UtcNow).AddSeconds(5);
        var code = Totp.Code(key, now);
        using var start = new SemaphoreSlim(0);
        var checks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await CheckAsync(app, user, code, now);
        })).ToList();
        start.Release(checks.Count);
        (await Task.WhenAll(checks)).Count(ok => ok).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Turning_the_authenticator_on_or_off_ends_the_accounts_other_session_and_keeps_this_one(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var email = await CreateOfficerAsync(app);
        var here = app.Browser();
        await here.SignInStaffAsync(email, Password);
        // Showing the key for the first time makes it, which changes the stamp too: the other session starts after that,
        // so only turning the authenticator on can end it.
        var key = SharedKey().Match(await here.GetStringAsync("/account/manage/two-factor?culture=en")).Groups[1].Value;
        var elsewhere = app.Browser();
        (await elsewhere.SignInStaffAsync(email, Password)).Headers.Location!.OriginalString.ShouldBe("/dashboard");
        (await elsewhere.GetAsync("/dashboard/officer")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // On with the previous step's code, so the current step's is still unused for the other session's sign-in below.
        var at = await Totp.WellInsideAStepAsync();
        (await here.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, at.AddSeconds(-30)) }, "/account/manage/two-factor?handler=Enable"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var ended = await elsewhere.GetAsync("/dashboard/officer");
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ended.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/sign-in");
        (await here.GetAsync("/dashboard/officer")).StatusCode.ShouldBe(HttpStatusCode.OK);

        elsewhere = app.Browser();
        var step = await elsewhere.SignInStaffAsync(email, Password);
        (await elsewhere.PostFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = Totp.Code(key, at) }))
            .Headers.Location!.OriginalString.ShouldBe("/dashboard");
        (await elsewhere.GetAsync("/dashboard/officer")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await here.PostFormAsync("/account/manage/two-factor", new Dictionary<string, string>(), "/account/manage/two-factor?handler=Disable"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await elsewhere.GetAsync("/dashboard/officer")).Headers.Location!.OriginalString.ShouldStartWith("http://localhost/account/sign-in");
        (await here.GetAsync("/dashboard/officer")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_request_that_loaded_the_account_before_a_code_was_accepted_does_not_put_the_older_step_back_when_it_saves(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (user, key) = await AuthenticatorUserAsync(app);
        var now = StepStart(DateTimeOffset.UtcNow).AddSeconds(5);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaravanUser>>();
        var stale = (await users.FindByIdAsync(user.ToString()))!;
        (await CheckAsync(app, user, Totp.Code(key, now), now)).ShouldBeTrue();
        // Identity writes every column of the copy it holds.
        (await users.SetTwoFactorEnabledAsync(stale, true)).Succeeded.ShouldBeTrue();
        (await CheckAsync(app, user, Totp.Code(key, now), now)).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Authenticator_keys_and_recovery_codes_issued_to_60_accounts_are_all_different_full_length_and_spread_over_their_alphabets(DatabaseProvider db)
    {
        // Not a proof of a CSPRNG (Identity draws both from RandomNumberGenerator), but a fixed, short or low-variety
        // generator fails it: 60 keys of 160 bits and 480 codes of about 47 bits should never repeat.
        var app = fixture.Get(db);
        var issued = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var keys = new List<string>();
            var codes = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                var email = $"csprng-{Guid.NewGuid():N}@example.org";
                var user = new CaravanUser { UserName = email, Email = email };
                (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
                await users.ResetAuthenticatorKeyAsync(user);
                keys.Add((await users.GetAuthenticatorKeyAsync(user))!);
                codes.AddRange((await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8))!);
            }

            return (keys, codes);
        });
        issued.keys.ShouldAllBe(k => Regex.IsMatch(k, "^[A-Z2-7]{32}$"));
        issued.keys.Distinct().Count().ShouldBe(60);
        string.Concat(issued.keys).Distinct().Count().ShouldBe(32);
        issued.codes.ShouldAllBe(c => Regex.IsMatch(c, $"^[{RecoveryAlphabet}]{{5}}-[{RecoveryAlphabet}]{{5}}$"));
        issued.codes.Distinct().Count().ShouldBe(480);
        string.Concat(issued.codes).Replace("-", "", StringComparison.Ordinal).Distinct().Count().ShouldBe(RecoveryAlphabet.Length);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Phone_and_authenticator_codes_are_six_digits_and_recovery_codes_ten_characters_of_26(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+99897" + Random.Shared.Next(1000000, 9999999);
        await app.Browser().PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = phone });
        var sms = app.Services.GetRequiredService<DevelopmentMessages>().Sent.Single(m => m.To == phone).Text;
        Regex.Matches(sms, @"\d+").Select(m => m.Value).ShouldContain(code => code.Length == 6);
        Regex.Matches(sms, @"\d+").Select(m => m.Value).ShouldAllBe(digits => digits.Length == 6 || digits.Length <= 2);

        // The authenticator's code counts only in its six digits: the same number written with a leading zero, which
        // Identity's own provider parses as equal, is refused, and the six-digit form then accepted.
        var (user, key) = await AuthenticatorUserAsync(app);
        var now = StepStart(DateTimeOffset.UtcNow).AddSeconds(5);
        var six = Totp.Code(key, now);
        six.ShouldMatch(@"^\d{6}$");
        (await CheckAsync(app, user, "0" + six, now)).ShouldBeFalse();
        (await CheckAsync(app, user, six, now)).ShouldBeTrue();

        var recovery = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.ToString()))!, 8))!.ToList();
        });
        // Ten characters of 26: about 47 bits.
        recovery.ShouldAllBe(c => Regex.IsMatch(c, $"^[{RecoveryAlphabet}]{{5}}-[{RecoveryAlphabet}]{{5}}$"));
    }

    /// <summary>The characters Identity draws recovery codes from: no vowels, and none that read alike.</summary>
    private const string RecoveryAlphabet = "23456789BCDFGHJKMNPQRTVWXY";

    private static DateTimeOffset StepStart(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(OneUseAuthenticatorTokenProvider.StepAt(at) * 30);

    /// <summary>A staff account with an authenticator key and no code used yet.</summary>
    private static Task<(Guid User, string Key)> AuthenticatorUserAsync(CaravanApp app) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<CaravanUser>>();
        var email = $"totp-{Guid.NewGuid():N}@example.org";
        var user = new CaravanUser { UserName = email, Email = email };
        (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
        await users.ResetAuthenticatorKeyAsync(user);
        return (user.Id, (await users.GetAuthenticatorKeyAsync(user))!);
    });

    /// <summary>Checks a code as sign-in does, in a request scope of its own, with the provider's clock at a chosen instant.</summary>
    private static Task<bool> CheckAsync(CaravanApp app, Guid userId, string code, DateTimeOffset at) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<CaravanUser>>();
        var provider = new OneUseAuthenticatorTokenProvider(sp.GetRequiredService<CaravanDbContext>(), new FakeTimeProvider(at));
        return await provider.ValidateAsync("TwoFactor", code, users, (await users.FindByIdAsync(userId.ToString()))!);
    });

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
