using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages;

/// <summary>
/// ASVS 5.0 chapters 1, 3 and 15 as an outsider probes them: what a typed or crafted value does on its way in (decoding,
/// SQL, templates, format strings, repeated parameters) and on its way out (encoding, redirects, cross-origin reads).
/// </summary>
public class InputHandlingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_value_encoded_twice_is_decoded_once_and_shown_as_its_once_decoded_text()
    {
        // ASVS 1.1.1: "%253Cb%253E" is "%3Cb%3E" after one decoding; a second decoding would make it "<b>".
        var html = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetStringAsync("/vacancies?q=%253Cb%253E%2527");
        html.ShouldContain("id=\"q\" name=\"q\" type=\"search\" value=\"%3Cb%3E%27\"");
        html.ShouldNotContain("&lt;b&gt;");
        html.ShouldNotContain("&#x27;\"");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Markup_stored_in_a_vacancy_is_shown_as_text_on_the_public_page_and_escaped_in_the_API(DatabaseProvider db)
    {
        // ASVS 1.1.2 and 3.2.2: the value is stored as given and encoded only when it is written out, for HTML by Razor
        // and for JSON by the serialiser, so it never becomes markup in either.
        const string Payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var app = fixture.Get(db);
        var reference = await app.WithDbAsync(async d =>
        {
            var vacancy = await d.Set<Vacancy>().Where(v => v.Status == VacancyStatus.Published).OrderBy(v => v.Reference).FirstAsync();
            vacancy.RequiredSkills = Payload;
            vacancy.City = Payload;
            await d.SaveChangesAsync();
            return vacancy.Reference;
        });

        var html = await app.CreateClient().GetStringAsync($"/vacancies/{reference}");
        html.ShouldContain("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<script>alert");

        // JSON is not HTML: the value is a JSON string, served as JSON that a browser may not sniff as a page.
        var api = await app.CreateClient().GetAsync($"/api/v1/vacancies/{reference}");
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        api.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var json = await api.Content.ReadAsStringAsync();
        JsonDocument.Parse(json).RootElement.GetProperty("city").GetString().ShouldBe(Payload);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Sql_text_and_LIKE_wildcards_in_searches_match_nothing_on_either_database(DatabaseProvider db)
    {
        // ASVS 1.2.4: every value reaches the database as a parameter, and a LIKE's own wildcards are escaped, so text
        // that would widen the query as SQL finds what it says literally: nothing.
        var client = fixture.Get(db).CreateClient();
        async Task<int> AgenciesAsync(string q) => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/agencies?q={Uri.EscapeDataString(q)}")).GetProperty("total").GetInt32();
        async Task<int> VacanciesAsync(string q) => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies?q={Uri.EscapeDataString(q)}")).GetProperty("total").GetInt32();

        // The searches do find things, so a zero below is the injection failing, not the search.
        (await AgenciesAsync("a")).ShouldBeGreaterThan(0);
        (await VacanciesAsync("welder")).ShouldBeGreaterThan(0);
        foreach (var wildcard in new[] { "%", "_", "%%", "%a%", "a%" })
        {
            (await AgenciesAsync(wildcard)).ShouldBe(0, wildcard);
        }

        // Vacancy search reads only the words of the text ("zzq", "or", "1"), which all have to match.
        string[] attempts = ["zzq' OR '1'='1", "zzq' OR 1=1 --", "zzq\") OR 1=1 --", "zzq'; DROP TABLE agency; --", "zzq\\' OR 1=1 #", "zzq\" OR \"\"=\"", "zzq' UNION SELECT name FROM sqlite_master --"];
        foreach (var attempt in attempts)
        {
            (await AgenciesAsync(attempt)).ShouldBe(0, attempt);
            (await VacanciesAsync(attempt)).ShouldBe(0, attempt);
            var page = await client.GetAsync($"/vacancies?q={Uri.EscapeDataString(attempt)}");
            page.StatusCode.ShouldBe(HttpStatusCode.OK, attempt);
        }

        (await AgenciesAsync("a")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Razor_and_format_placeholders_typed_into_a_field_come_back_as_typed()
    {
        // ASVS 1.3.7 and 1.3.10: input is only ever an argument, never a template or a format string, so what looks like
        // one is neither evaluated nor formatted. The API's validation message quotes its own limit, not the input.
        const string Typed = "@DateTime.Now @(6*7) {0} {1:N2} %s%n ${7*7} {{7*7}}";
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        var html = await client.GetStringAsync($"/vacancies?q={Uri.EscapeDataString(Typed)}");
        html.ShouldContain("value=\"@DateTime.Now @(6*7) {0} {1:N2} %s%n ${7*7} {{7*7}}\"");
        html.ShouldNotContain("value=\"@DateTime.Now 42");

        var tooLong = await client.GetAsync($"/api/v1/vacancies?q={Uri.EscapeDataString(Typed + new string('x', 200))}");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("q")[0].GetString().ShouldBe("Search text is at most 200 characters.");
    }

    [Fact]
    public async Task Return_urls_to_other_hosts_are_replaced_by_the_dashboard()
    {
        // ASVS 3.7.2: only a local path is followed after sign-in; each of these is a way browsers reach another host.
        var app = fixture.Get(DatabaseProvider.Sqlite);
        string[] elsewhere = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example", "http:evil.example", "https:/evil.example", " //evil.example", "javascript:alert(1)", "/%2F/evil.example", "/%5Cevil.example"];
        foreach (var target in elsewhere)
        {
            var client = app.Browser();
            var response = await client.PostFormAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Email"] = DemoAccounts.OfficerEmail,
                ["Password"] = new DemoOptions().StaffPassword,
                ["ReturnUrl"] = target,
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, target);
            // Where a browser on the node would go: a local path that only looks odd ("/%2F/…") still stays on the node.
            var landing = new Uri(new Uri("https://node.example/account/sign-in"), response.Headers.Location!);
            landing.Host.ShouldBe("node.example", target);
            landing.Scheme.ShouldBe("https", target);
        }

        // A local path is honoured, so the check above is of the filter and not of a parameter that is never read.
        var local = await app.Browser().PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.OfficerEmail,
            ["Password"] = new DemoOptions().StaffPassword,
            ["ReturnUrl"] = "/cases",
        });
        local.Headers.Location!.OriginalString.ShouldBe("/cases");
    }

    [Fact]
    public async Task No_origin_is_granted_cross_origin_access_to_the_API_or_the_pages()
    {
        // ASVS 3.4.2: partners call server to server, so no browser on another origin may read an answer.
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        foreach (var path in new[] { "/api/v1/vacancies", "/api/v1/agencies", "/api/v1/tips/track", "/vacancies", "/.well-known/jwks.json" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", "https://evil.example");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type, x-api-key");
            var answer = await client.SendAsync(preflight);
            answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse(path);
            answer.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse(path);
            answer.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse(path);

            using var read = new HttpRequestMessage(HttpMethod.Get, path);
            read.Headers.Add("Origin", "null");
            var got = await client.SendAsync(read);
            got.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse(path);
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_GET_of_a_POST_only_action_changes_nothing(DatabaseProvider db)
    {
        // ASVS 3.5.3: a link or an image tag (a GET) can never sign a person out or send anything.
        var app = fixture.Get(db);
        var admin = app.Browser();
        (await admin.SignInStaffAsync(DemoAccounts.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/account/sign-out")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/account/sign-out?handler=")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/admin/exchange")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = await app.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync());
        var audits = await app.WithDbAsync(d => d.Set<Caravan.Core.Audit.AuditEntry>().CountAsync());
        (await admin.GetAsync("/admin/exchange?handler=Publish")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/admin/rates?handler=Rate")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync())).ShouldBe(before);
        (await app.WithDbAsync(d => d.Set<Caravan.Core.Audit.AuditEntry>().CountAsync())).ShouldBe(audits);

        // The same session signs out by POST: the GETs above were refused by design, not by a broken sign-out.
        (await admin.PostFormAsync("/account/sign-out", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/admin/exchange")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_the_loopback_proxy()
    {
        // ASVS 4.1.3: X-Forwarded-Proto decides the Secure flag of cookies and X-Forwarded-For the rate-limit partition,
        // so a client that is not the node's own proxy must not be able to set them.
        var server = fixture.Get(DatabaseProvider.Sqlite).Server;
        async Task<string> CookiesAsync(string remote)
        {
            var context = await server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                c.Request.Method = "GET";
                c.Request.Path = "/account/sign-in";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            });
            context.Response.StatusCode.ShouldBe(200);
            return string.Join("\n", context.Response.Headers.SetCookie.ToArray());
        }

        var fromOutside = await CookiesAsync("203.0.113.5");
        fromOutside.ShouldContain("caravan.antiforgery");
        fromOutside.ShouldNotContain("secure", Case.Insensitive);
        var fromProxy = await CookiesAsync("127.0.0.1");
        fromProxy.ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task A_repeated_parameter_has_one_reading_per_endpoint_and_a_misplaced_one_is_not_read()
    {
        // ASVS 15.3.7: a parameter given twice has one reading, bound once and then both checked and used: the API joins
        // the values, a page takes the first. A value in a place the endpoint does not declare is not read at all.
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        async Task<int> AgenciesAsync(string query) => (await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies?" + query)).GetProperty("total").GetInt32();
        (await AgenciesAsync("q=a")).ShouldBeGreaterThan(0);
        (await AgenciesAsync("q=zzq&q=a")).ShouldBe(0);
        (await AgenciesAsync("q=zzq&q=a")).ShouldBe(await AgenciesAsync("q=" + Uri.EscapeDataString("zzq,a")));
        (await client.GetAsync("/api/v1/vacancies?destination=KR&destination=RU")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetStringAsync("/vacancies?q=welder&q=cook")).ShouldContain("name=\"q\" type=\"search\" value=\"welder\"");

        // A form is read from its body: credentials in the query string of a sign-in post are not used.
        var browser = app.Browser();
        var signedIn = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Email"] = DemoAccounts.OfficerEmail,
            ["Password"] = new DemoOptions().StaffPassword,
        }, postTo: "/account/sign-in?Email=nobody%40evil.example&Password=wrong");
        signedIn.Headers.Location!.OriginalString.ShouldBe("/dashboard");
        var refused = await app.Browser().PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = "", ["Password"] = "" },
            postTo: $"/account/sign-in?Email={Uri.EscapeDataString(DemoAccounts.OfficerEmail)}&Password={Uri.EscapeDataString(new DemoOptions().StaffPassword)}");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
