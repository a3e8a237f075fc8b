using System.Net;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>What the node asks a browser to keep (ASVS 14.3.3): cookies of known kinds, none with personal data readable.</summary>
public class BrowserStorageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Every cookie the node may set: the session, antiforgery, TempData, the language and Identity's two-step marker.</summary>
    private static readonly string[] Kinds = ["caravan.auth", "caravan.antiforgery", "caravan.tempdata", ".AspNetCore.Culture", "Identity.TwoFactorUserId"];

    /// <summary>Notes every Set-Cookie header the browser receives, before the cookie jar takes it.</summary>
    private sealed class SetCookieRecorder : DelegatingHandler
    {
        public List<string> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (Received)
                {
                    Received.AddRange(values);
                }
            }

            return response;
        }
    }

    private static HttpClient RecordingBrowser(CaravanApp app, SetCookieRecorder recorder)
    {
        var client = app.CreateDefaultClient(new Uri("http://localhost"), recorder, new CookieContainerHandler());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary>A cookie's value as it might be read: as sent, URL-decoded, and base64(url)-decoded where it decodes.</summary>
    private static IEnumerable<string> Readings(string setCookie)
    {
        var value = setCookie.Split(';')[0].Split('=', 2)[1];
        yield return value;
        var decoded = WebUtility.UrlDecode(value);
        yield return decoded;
        var padded = decoded.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var length))
        {
            yield return Encoding.UTF8.GetString(bytes, 0, length);
            yield return Encoding.Unicode.GetString(bytes, 0, length);
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Cookies_set_through_phone_sign_in_registration_and_an_officers_view_of_the_record_are_known_kinds_holding_no_name_phone_or_passport(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+99890" + Random.Shared.Next(1000000, 9999999);
        var passport = "AC" + Random.Shared.Next(1000000, 9999999);
        var migrantCookies = new SetCookieRecorder();
        var reference = await Registration.RegisterAsync(app, RecordingBrowser(app, migrantCookies), phone,
            new("Gulnorakhon", "Tursunboyeva", "Shavkatovna", new DateOnly(1994, 7, 19), "Female", passport));

        var officerCookies = new SetCookieRecorder();
        var officer = RecordingBrowser(app, officerCookies);
        (await officer.SignInStaffAsync(DemoAccounts.OfficerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = $"/officer/persons/{reference}";
        var revealed = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.IdentityCheck }, page + "?handler=Reveal");
        var html = await revealed.TextAsync();
        // The pages did show the personal data, so the cookies had the chance to carry it.
        html.ShouldContain("Tursunboyeva");
        html.ShouldContain(passport);

        var secrets = new[] { "Gulnorakhon", "Tursunboyeva", "Shavkatovna", phone[1..], phone[4..], passport, passport[2..] };
        var all = migrantCookies.Received.Concat(officerCookies.Received).ToList();
        all.Count.ShouldBeGreaterThan(3);
        all.Select(c => c.Split('=', 2)[0]).Distinct().ShouldAllBe(name => Kinds.Contains(name));
        foreach (var cookie in all)
        {
            foreach (var reading in Readings(cookie))
            {
                secrets.ShouldAllBe(secret => !reading.Contains(secret, StringComparison.OrdinalIgnoreCase), cookie);
            }
        }

        // The session cookie is out of scripts' reach.
        all.Where(c => c.StartsWith("caravan.auth=", StringComparison.Ordinal)).ShouldAllBe(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }
}
