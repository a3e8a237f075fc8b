using Caravan.Core.Messaging;
using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
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

    /// <summary>Uploads one file from a form page, with the page's antiforgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        this HttpClient client, string formPage, string postTo, string field, string fileName, byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await (await client.GetAsync(formPage)).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {formPage}");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        return await client.PostAsync(postTo, form);
    }

    /// <summary>
    /// Submits a multipart form as a browser does: repeated fields (ticked checkboxes) and an optional file, with the
    /// antiforgery token of the form page.
    /// </summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string formPage, IEnumerable<KeyValuePair<string, string>> fields, (string Field, string Name, byte[] Content)? file = null, string? postTo = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var html = await (await client.GetAsync(formPage)).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {formPage}");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Content);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, f.Field, f.Name);
        }

        return await client.PostAsync(postTo ?? formPage, form);
    }

    /// <summary>The page's text as a person reads it: entities decoded.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
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
        var sms = app.Services.GetRequiredService<DevelopmentMessages>().Sent.First(m => m.To == phone);
        return Regex.Match(sms.Text, @"\d{6}").Value;
    }
}
