using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Infrastructure;

public static partial class HttpExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>GETs the form page like a browser, then POSTs the fields with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string formPage, IDictionary<string, string> fields, string? postTo = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetAsync(formPage);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {formPage} ({(int)page.StatusCode})");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(postTo ?? formPage, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> SignInStaffAsync(this HttpClient client, string email, string? password = null) =>
        await client.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password ?? new DemoOptions().StaffPassword,
        });

    /// <summary>Signs in by phone, reading the one-time code from the development SMS outbox.</summary>
    public static async Task<HttpResponseMessage> SignInMigrantAsync(this HttpClient client, CaravanApp app, string phone)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sent = await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = phone });
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = LatestCode(app, phone);
        return await client.PostFormAsync("/account/code", new Dictionary<string, string> { ["Code"] = code });
    }

    public static string LatestCode(CaravanApp app, string phone)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sms = app.Services.GetRequiredService<DevelopmentSmsSender>().Sent.First(m => m.Phone == phone);
        return Regex.Match(sms.Text, @"\d{6}").Value;
    }
}
