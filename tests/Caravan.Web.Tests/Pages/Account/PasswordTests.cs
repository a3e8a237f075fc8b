using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caravan.Web.Tests.Pages.Account;

/// <summary>The promises of ASVS 6.2 and 6.4 about passwords, on the pages where staff type or choose one.</summary>
public partial class PasswordTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [GeneratedRegex(@"<input\b[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex(@"<form\b[^>]*>")]
    private static partial Regex Form();

    [GeneratedRegex(@"([\w-]+)=""([^""]*)""")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<script\b[^>]*\bsrc=""([^""]+)""")]
    private static partial Regex ScriptSource();

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static List<Dictionary<string, string>> Inputs(string html) => Input().Matches(html).Select(m => Attributes(m.Value)).ToList();

    /// <summary>An invitation for a new administrator, as `caravan create-admin` makes one: the path of its page.</summary>
    private static async Task<string> InvitationPageAsync(CaravanApp app, string email)
    {
        var invitation = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<StaffInvitations>().CreateAdministratorAsync(email)).Invitation);
        invitation.ShouldNotBeNull();
        return $"/account/invitation/{invitation.Row.Id}?token={Uri.EscapeDataString(invitation.Token)}";
    }

    private static async Task<string> CreateOfficerAsync(CaravanApp app, string password)
    {
        var email = $"password-{Guid.NewGuid():N}@example.org";
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var user = new CaravanUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, password)).Succeeded.ShouldBeTrue();
            return (await users.AddToRoleAsync(user, Roles.Officer)).Succeeded;
        });
        return email;
    }

    /// <summary>Every page with a password field: its path, and the autocomplete token each of its password fields must carry.</summary>
    private static async Task<List<(string Page, string AutoComplete, int Fields)>> PasswordPagesAsync(CaravanApp app) =>
    [
        ("/account/sign-in?culture=en", "current-password", 1),
        ("/account/register?culture=en", "new-password", 2),
        (await InvitationPageAsync(app, $"invited-{Guid.NewGuid():N}@example.org") + "&culture=en", "new-password", 2),
    ];

    [Fact]
    public async Task Every_password_field_on_sign_in_registration_and_invitation_is_type_password_with_current_or_new_password_autocomplete()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        foreach (var (page, autoComplete, fields) in await PasswordPagesAsync(app))
        {
            var html = await app.Browser().GetStringAsync(page);
            var passwords = Inputs(html).Where(i => i.GetValueOrDefault("name", "").Contains("Password", StringComparison.Ordinal)).ToList();
            passwords.Count.ShouldBe(fields, page);
            passwords.ShouldAllBe(i => i["type"] == "password", page);
            passwords.ShouldAllBe(i => i.GetValueOrDefault("autocomplete") == autoComplete, page);
            // A password typed wrong comes back empty, not echoed into the page.
            passwords.ShouldAllBe(i => !i.ContainsKey("value"), page);
        }
    }

    [Fact]
    public async Task Password_pages_neither_block_paste_nor_turn_off_autocomplete_so_password_managers_can_fill_them()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        foreach (var (page, _, _) in await PasswordPagesAsync(app))
        {
            var client = app.Browser();
            var html = await client.GetStringAsync(page);
            Regex.IsMatch(html, @"\bon(paste|copy|cut|drop|contextmenu)\s*=", RegexOptions.IgnoreCase).ShouldBeFalse(page);
            Form().Matches(html).Select(m => Attributes(m.Value)).ShouldAllBe(f => f.GetValueOrDefault("autocomplete") != "off", page);
            Inputs(html).Where(i => i.GetValueOrDefault("type") == "password").ShouldAllBe(i => i["autocomplete"] != "off" && !i.ContainsKey("readonly"), page);
            // Nor may a script the page loads stop a paste.
            foreach (var src in ScriptSource().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(s => s.StartsWith('/')))
            {
                var script = await client.GetStringAsync(src);
                script.ShouldNotContain("paste", Case.Insensitive, $"{src} on {page}");
            }
        }
    }

    [Fact]
    public async Task Sign_in_registration_and_invitation_forms_hold_only_their_own_fields_and_accounts_have_no_hint_or_secret_question()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var expected = new[] { "Email,Password", "DisplayName,Email,Password,ConfirmPassword", "Password,ConfirmPassword" };
        var pages = await PasswordPagesAsync(app);
        for (var i = 0; i < pages.Count; i++)
        {
            var html = await app.Browser().GetStringAsync(pages[i].Page);
            var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
            var fields = Inputs(main).Where(f => f.GetValueOrDefault("type") != "hidden").Select(f => f["name"]);
            string.Join(',', fields).ShouldBe(expected[i], pages[i].Page);
            Regex.IsMatch(main, "<(select|textarea)\\b").ShouldBeFalse(pages[i].Page);
        }

        // Nor is there anywhere to keep one.
        var columns = await app.WithDbAsync(ctx => Task.FromResult(ctx.Model.FindEntityType(typeof(CaravanUser))!.GetProperties().Select(p => p.Name).ToList()));
        columns.ShouldContain(nameof(CaravanUser.PasswordHash));
        columns.ShouldNotContain(c => Regex.IsMatch(c, "hint|question|answer|reminder", RegexOptions.IgnoreCase));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_password_with_spaces_and_capitals_signs_in_only_exactly_as_typed_not_trimmed_or_recased(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        const string Password = "  Exact Case-Pass 2026  ";
        var email = await CreateOfficerAsync(app, Password);
        foreach (var altered in new[] { Password.Trim(), Password.ToUpperInvariant(), Password.ToLowerInvariant(), Password.Replace("  ", " ", StringComparison.Ordinal) })
        {
            var refused = await app.Browser().SignInStaffAsync(email, altered);
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, $"'{altered}'");
        }

        var exact = await app.Browser().SignInStaffAsync(email, Password);
        exact.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        exact.Headers.Location!.OriginalString.ShouldBe("/dashboard");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_64_character_password_can_be_set_by_invitation_and_by_registration_and_then_signs_in(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var password = "Long-Passphrase-7 " + new string('x', 39) + "-end-0A";
        password.Length.ShouldBe(64);

        var invited = $"long-{Guid.NewGuid():N}@example.org";
        var page = await InvitationPageAsync(app, invited);
        var accepted = await app.Browser().PostFormAsync(page, new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await accepted.TextAsync());
        (await app.Browser().SignInStaffAsync(invited, password)).Headers.Location!.OriginalString.ShouldBe("/dashboard");

        var registered = $"long-{Guid.NewGuid():N}@example.org";
        var created = await app.Browser().PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["DisplayName"] = "Long Password Agency",
            ["Email"] = registered,
            ["Password"] = password,
            ["ConfirmPassword"] = password,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.TextAsync());
        (await app.Browser().SignInStaffAsync(registered, password)).Headers.Location!.OriginalString.ShouldBe("/dashboard");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_password_still_signs_in_to_the_dashboard_with_no_password_form_after_the_clock_moves_five_years_on(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        const string Password = "Never-Expires-2026";
        var email = await CreateOfficerAsync(app, Password);
        (await app.Browser().SignInStaffAsync(email, Password)).Headers.Location!.OriginalString.ShouldBe("/dashboard");

        // The same node and database, five years on: whatever in the node reads the time reads this clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(5 * 366));
        await using var later = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = later.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var signIn = await client.SignInStaffAsync(email, Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        (await client.GetAsync("/dashboard")).Headers.Location!.OriginalString.ShouldBe("/dashboard/officer");
        var dashboard = await client.GetAsync("/dashboard/officer");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).ShouldNotContain("type=\"password\"");
    }
}
