using Caravan.Core.Messaging;
using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Pages;

/// <summary>Health, headers, errors, reference data and the seed: the node's plumbing.</summary>
public class PlatformTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Adds endpoints that throw, behind the app's own error handling, to prove what a failure looks like.</summary>
    private sealed class ThrowingEndpoints : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(ctx => ctx.Request.Path.StartsWithSegments("/boom") || ctx.Request.Path.StartsWithSegments("/api/boom")
                ? throw new InvalidOperationException("secret detail")
                : Task.CompletedTask);
        };
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Health_is_200_when_the_database_answers(DatabaseProvider db)
    {
        var response = await fixture.Get(db).CreateClient().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Health_is_503_when_the_database_does_not_answer(DatabaseProvider db)
    {
        var unreachable = db == DatabaseProvider.Sqlite
            ? "Data Source=/nonexistent-caravan-dir/x.db;Mode=ReadOnly"
            : "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2";
        await using var app = new CaravanApp(db, new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false", ["Demo:Enabled"] = "false" }, connectionString: unreachable);
        var response = await app.CreateClient().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Source_control_files_directory_listings_and_TRACE_are_not_served()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        foreach (var path in new[] { "/.git/HEAD", "/.git/config", "/.gitignore", "/js/", "/css/", "/lib/" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            // The node's own 404 page, not a listing (ASP.NET's directory browser titles its page "Index of /js/").
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Index of", Case.Insensitive, path);
        }

        using var trace = new HttpRequestMessage(HttpMethod.Trace, "/");
        trace.Headers.Add("X-Trace-Probe", "echo-me-if-you-trace");
        var traced = await client.SendAsync(trace);
        ((int)traced.StatusCode).ShouldBeOneOf(404, 405);
        (await traced.Content.ReadAsStringAsync()).ShouldNotContain("echo-me-if-you-trace");
    }

    [Fact]
    public void The_nodes_own_scripts_use_no_eval_no_new_Function_and_write_no_HTML()
    {
        // The CSP forbids eval in the browser; this keeps the scripts from needing it, or from writing markup that a
        // value could turn into script. Third-party packages come from npm and are not in these folders.
        var web = Path.Combine(NodeProcess.RepositoryRoot(), "src", "Caravan.Web");
        var scripts = Directory.GetFiles(Path.Combine(web, "wwwroot", "js"), "*.js").Concat(Directory.GetFiles(Path.Combine(web, "Scripts"), "*.mjs")).ToList();
        scripts.Count.ShouldBeGreaterThanOrEqualTo(5);
        string[] forbidden = ["eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "setTimeout(\"", "setInterval(\""];
        foreach (var script in scripts)
        {
            var text = File.ReadAllText(script);
            forbidden.Where(f => text.Contains(f, StringComparison.Ordinal)).ShouldBeEmpty(Path.GetFileName(script));
        }
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_security_headers()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Permissions-Policy").Single().ShouldBe("camera=(), microphone=(), geolocation=()");
        response.Headers.GetValues("Cross-Origin-Opener-Policy").Single().ShouldBe("same-origin");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>");
        html.ShouldNotContain(" style=\"");

        // The camera is allowed on the verification page alone, for its optional QR scanner, and only to this site.
        var verify = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/verify");
        verify.Headers.GetValues("Permissions-Policy").Single().ShouldBe("camera=(self), microphone=(), geolocation=()");
        (await verify.Content.ReadAsStringAsync()).ShouldContain("<div id=\"verify-scan\" class=\"govuk-!-margin-bottom-4\" hidden");
        (await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/verify/revoke")).Headers.GetValues("Permissions-Policy").Single().ShouldStartWith("camera=()");
    }

    [Fact]
    public async Task Unknown_pages_get_a_localised_404()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().GetAsync("/no-such-page?culture=tg");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<html lang=\"tg\"");
        WebUtility.HtmlDecode(html).ShouldContain(Caravan.Web.Tests.Resources.ResourceCompletenessTests.Load("tg")["Error.NotFound.Title"]);
    }

    [Fact]
    public async Task An_unexpected_error_shows_a_localised_500_page_and_api_callers_a_problem()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite);
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingEndpoints>()));
        var client = failing.CreateClient();
        var page = await client.GetAsync("/boom?culture=ru");
        page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("<html lang=\"ru\"");
        html.ShouldContain(Caravan.Web.Tests.Resources.ResourceCompletenessTests.Load("ru")["Error.ServerError.Title"]);
        html.ShouldNotContain("InvalidOperationException");

        var api = await client.GetAsync("/api/boom");
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync()).ShouldNotContain("secret detail");
    }

    [Fact]
    public async Task Outside_Development_http_is_redirected_to_https_and_HSTS_is_sent()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["https_port"] = "443" }, environment: "Staging");
        var http = await app.Browser().GetAsync("/vacancies");
        http.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        http.Headers.Location!.Scheme.ShouldBe("https");
        var client = app.Browser();
        client.BaseAddress = new Uri("https://caravan.example"); // HSTS is never sent for localhost
        var https = await client.GetAsync("/vacancies");
        https.StatusCode.ShouldBe(HttpStatusCode.OK);
        https.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
    }

    [Fact]
    public async Task Unknown_api_paths_get_a_problem_not_a_page()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/api/v1/nothing-here");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    /// <summary>In process there is no Kestrel to enforce the cap; the 413 itself is <c>HttpFramingTests</c>' test, on a real server.</summary>
    [Fact]
    public async Task An_oversized_body_is_refused_without_a_500()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        var huge = new string('x', 11 * 1024 * 1024);
        var response = await client.PostAsync("/account/sign-in", new StringContent(huge, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Reference_data_is_loaded_from_the_shipped_files(DatabaseProvider db)
    {
        var counts = await fixture.Get(db).WithDbAsync(async ctx => new
        {
            Countries = await ctx.Set<Country>().CountAsync(),
            Isco = await ctx.Set<IscoGroup>().CountAsync(),
            IscoUnits = await ctx.Set<IscoGroup>().CountAsync(g => g.Level == 4),
            Currencies = await ctx.Set<Currency>().CountAsync(),
            SubdivisionCountries = await ctx.Set<Subdivision>().Select(s => s.CountryCode).Distinct().CountAsync(),
            UzbekNames = await ctx.Set<CountryName>().CountAsync(n => n.Language == "uz-Cyrl"),
            IscoTitles = await ctx.Set<IscoTitle>().GroupBy(t => t.Language).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(),
        });
        counts.IscoTitles.Single(t => t.Key == "ru").Count.ShouldBe(619);
        foreach (var language in new[] { "uz", "uz-Cyrl", "kk", "ky", "tg" })
        {
            counts.IscoTitles.Single(t => t.Key == language).Count.ShouldBe(53, language);
        }

        counts.Countries.ShouldBe(249);
        counts.Isco.ShouldBe(619);
        counts.IscoUnits.ShouldBe(436);
        counts.Currencies.ShouldBe(179);
        counts.SubdivisionCountries.ShouldBeGreaterThanOrEqualTo(8);
        counts.UzbekNames.ShouldBeGreaterThan(240);
        foreach (var country in new[] { "UZ", "KZ", "KG", "TJ", "RU", "TR", "KR", "AE" })
        {
            (await fixture.Get(db).WithDbAsync(ctx => ctx.Set<Subdivision>().CountAsync(s => s.CountryCode == country))).ShouldBeGreaterThan(0, country);
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Demo_seed_is_realistic_and_running_it_again_duplicates_nothing(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        async Task<(int Agencies, int Vacancies, int Users, int Countries, int Guides, int Sessions)> Count() => await app.WithDbAsync(async ctx =>
            (await ctx.Set<Agency>().CountAsync(), await ctx.Set<Vacancy>().CountAsync(), await ctx.Users.CountAsync(u => u.IsDemo), await ctx.Set<Country>().CountAsync(),
                await ctx.Set<Caravan.Core.Guides.Guide>().CountAsync(), await ctx.Set<Caravan.Core.Training.TrainingSession>().CountAsync()));
        var before = await Count();
        before.Vacancies.ShouldBe(30);
        before.Agencies.ShouldBe(6);
        // One account per role, a second agency's staff and the consulates' case supervisor.
        before.Users.ShouldBe(10);
        // Russia, Kazakhstan, the FAQ and a story in Uzbek, Russian and Tajik; seven courses, three sessions each.
        before.Guides.ShouldBe(12);
        before.Sessions.ShouldBe(21);
        var destinations = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Select(v => v.DestinationCountry).Distinct().ToListAsync());
        destinations.ShouldBe(["AE", "KR", "KZ", "RU", "TR"], ignoreOrder: true);
        var currencies = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Select(v => v.WageCurrency).Distinct().CountAsync());
        currencies.ShouldBe(5);

        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DatabaseInitializer>().SeedAsync(sp.GetRequiredService<IOptions<DemoOptions>>().Value);
            return true;
        });
        (await Count()).ShouldBe(before);
        (await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Cases.CaseTeam>().CountAsync())).ShouldBe(4);
    }

    [Fact]
    public async Task Demo_mode_is_refused_in_Production()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, environment: "Production");
        var error = Should.Throw<Exception>(() => app.CreateClient());
        error.ToString().ShouldContain("Demo mode is refused");
    }

    [Fact]
    public async Task A_demo_region_is_refused_outside_Development()
    {
        // A node told to trust whatever answers at its partners' addresses must never be a real node.
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["DemoRegion:Partners:0:Country"] = "KZ",
            ["DemoRegion:Partners:0:Url"] = "http://127.0.0.1:5102/",
        }, environment: "Staging");
        var error = Should.Throw<Exception>(() => app.CreateClient());
        error.ToString().ShouldContain("DemoRegion:Partners trusts whatever answers");

        // And the command that starts one stops at once, saying why.
        var output = new StringWriter();
        var previous = Console.Error;
        Console.SetError(output);
        try
        {
            (await Caravan.Web.Infrastructure.DemoRegionCommand.RunAsync(["demo-region"], "Production")).ShouldBe(2);
        }
        finally
        {
            Console.SetError(previous);
        }

        output.ToString().ShouldContain("refused outside Development");
    }

    [Fact]
    public async Task Demo_accounts_are_refused_in_Production_even_if_their_rows_exist()
    {
        // Seed a demo database in Development, then serve the same file in Production.
        await using var demo = new CaravanApp(DatabaseProvider.Sqlite);
        (await demo.Browser().SignInStaffAsync(DemoAccounts.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var production = new CaravanApp(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, environment: "Production", connectionString: demo.ConnectionString);
        var client = production.Browser();
        client.BaseAddress = new Uri("https://localhost");
        var response = await client.SignInStaffAsync(DemoAccounts.AdminEmail);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
    }

    [Fact]
    public async Task Demo_data_never_goes_into_a_database_that_holds_real_records()
    {
        await using var real = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        await real.WithDbAsync(async db =>
        {
            db.Add(new Caravan.Core.Agencies.Agency { Name = "Real Agency LLC", RegistrationNumber = "305000001", CountryCode = "UZ" });
            return await db.SaveChangesAsync();
        });

        await using var demo = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, connectionString: real.ConnectionString);
        (await demo.WithDbAsync(db => db.Set<Caravan.Core.Agencies.Agency>().Select(a => a.Name).ToListAsync())).ShouldBe(["Real Agency LLC"]);
        (await demo.WithDbAsync(db => db.Users.AnyAsync(u => u.IsDemo))).ShouldBeFalse();
    }

    [Fact]
    public async Task Production_never_uses_the_development_sms_sink()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, environment: "Production");
        app.Services.GetService<DevelopmentMessages>().ShouldBeNull();
        app.Services.GetRequiredService<ISmsTransport>().ShouldBeOfType<UnconfiguredTransport>();
        await Should.ThrowAsync<DeliveryException>(() => app.Services.GetRequiredService<ISmsTransport>().SendAsync("+998901234567", "code 123456", CancellationToken.None));

        await using var development = new CaravanApp(DatabaseProvider.Sqlite);
        development.Services.GetRequiredService<ISmsTransport>().ShouldBeOfType<DevelopmentMessages>();
    }

    [Theory]
    [InlineData("Production", "Messaging:Sms:Provider", "Development")]
    [InlineData("Staging", "Messaging:Sms:Provider", "Development")]
    [InlineData("Production", "Messaging:Email:Provider", "Development")]
    public async Task A_node_refuses_to_start_with_development_only_settings_outside_Development(string environment, string key, string value)
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [key] = value }, environment: environment);
        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Services);
        refused.Message.ShouldContain(key);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_with_Retry_After()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = app.Browser();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync("/account/sign-in");
        }

        last!.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task One_time_codes_are_rate_limited()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:CodesPerFiveMinutes"] = "2" });
        var client = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/account/phone")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task The_dev_codes_page_does_not_exist_outside_Development()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" }, environment: "Staging");
        var client = app.Browser();
        client.BaseAddress = new Uri("https://localhost");
        (await client.GetAsync("/dev/codes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_response_reports_its_server_time_and_the_status_endpoint_answers_without_the_database()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/api/v1/status");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("{\"status\":\"ok\",\"country\":\"UZ\"}");
        response.Headers.GetValues("Server-Timing").Single().ShouldStartWith("app;dur=");
    }
}
