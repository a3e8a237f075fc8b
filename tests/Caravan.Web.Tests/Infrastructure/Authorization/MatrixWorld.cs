using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Coordination;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Guides;
using Caravan.Core.Identity;
using Caravan.Core.Training;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>Who knocks: a signed-in session (or none, or an API key), and whether it posts with its own antiforgery token.</summary>
public sealed record MatrixPrincipal(string Name, HttpClient Client, string? Token);

/// <summary>
/// The demo node plus what the matrix needs to tell "allowed" from "out of scope": a registered migrant with an
/// application to the first demo agency and a case at the Moscow consulate, a second migrant, both demo agencies, and
/// staff of every role. Route parameters are filled with these records, so a cell reads a real record of someone.
/// </summary>
public sealed partial class MatrixWorld
{
    /// <summary>The matrix's columns, in the order of the expectations file.</summary>
    public static readonly string[] Columns = ["anon", "migrant", "migrant2", "agency", "agency2", "officer", "consul", "hotline", "trainer", "analyst", "secretariat", "admin", "apikey", "partner"];

    /// <summary>Those who should meet a wall of scope, not of role: they post with a valid token of their own.</summary>
    public static readonly string[] ScopeColumns = ["migrant2", "agency2", "hotline"];

    private const string SecretariatEmail = "secretariat.matrix@demo.caravan.example";
    private const string SecretariatPassword = "Matrix-Secretariat-2026!";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public required IReadOnlyList<MatrixPrincipal> Principals { get; init; }

    public required IReadOnlyDictionary<string, string> Values { get; init; }

    public static async Task<MatrixWorld> BuildAsync(CaravanApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var agencyId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.AgencyEmail).Select(u => u.AgencyId!.Value).SingleAsync());
        var agency = await app.WithDbAsync(db => db.Set<Agency>().SingleAsync(a => a.Id == agencyId));
        var vacancy = await app.WithDbAsync(db => db.Set<Vacancy>().Where(v => v.AgencyId == agencyId && v.Status == VacancyStatus.Published).OrderBy(v => v.Reference).FirstAsync());

        var migrant = app.EnglishBrowser();
        var person = await Registration.RegisterAsync(app, migrant, DemoAccounts.MigrantPhone, new("Matrix", "Tekshiruvchi", null, new DateOnly(1991, 5, 17), "Male", "MX1799001"));
        (await migrant.PostFormAsync($"/me/apply/{vacancy.Reference}", new Dictionary<string, string> { ["Agree"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var opened = await migrant.PostMultipartAsync("/me/cases/new",
        [
            new("Form.SubmissionKey", Guid.NewGuid().ToString()), new("Form.Category", nameof(CaseCategory.UnpaidWages)), new("Form.Country", "RU"),
            new("Form.City", "Moscow"), new("Form.Employer", "StroyMontazh LLC"), new("Form.Narrative", "The employer has not paid me for two months."),
        ]);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.TextAsync());
        var caseReference = opened.Headers.Location!.OriginalString["/me/cases/".Length..];

        var migrant2 = app.EnglishBrowser();
        await Registration.RegisterAsync(app, migrant2, "+998901799002", new("Boshqa", "Migrant", null, new DateOnly(1993, 8, 2), "Female", "MX1799002"));

        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var user = new CaravanUser { UserName = SecretariatEmail, Email = SecretariatEmail, EmailConfirmed = true, DisplayName = "Matrix Secretariat", CountryCode = "UZ" };
            (await users.CreateAsync(user, SecretariatPassword)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, Roles.Secretariat)).Succeeded.ShouldBeTrue();
            return 0;
        });

        var keys = await app.WithScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<ApiKeyService>();
            return ((await service.CreateAsync("matrix agency", agencyId, null, null)).Secret, (await service.CreateAsync("matrix partner", null, "KZ", null)).Secret);
        });

        var principals = new List<MatrixPrincipal> { new("anon", app.EnglishBrowser(), null) };
        principals.Add(await WithTokenAsync("migrant", migrant));
        principals.Add(await WithTokenAsync("migrant2", migrant2));
        foreach (var (name, email) in new[]
        {
            ("agency", DemoAccounts.AgencyEmail), ("agency2", DemoAccounts.OtherAgencyEmail), ("officer", DemoAccounts.OfficerEmail),
            ("consul", DemoAccounts.ConsularEmail), ("hotline", DemoAccounts.HotlineEmail), ("trainer", DemoAccounts.TrainerEmail),
            ("analyst", DemoAccounts.AnalystEmail), ("secretariat", SecretariatEmail), ("admin", DemoAccounts.AdminEmail),
        })
        {
            var client = app.EnglishBrowser();
            var signedIn = await client.SignInStaffAsync(email, email == SecretariatEmail ? SecretariatPassword : null);
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{name} could not sign in");
            signedIn.Headers.Location!.OriginalString.ShouldNotContain("sign-in", Case.Insensitive, $"{name} could not sign in");
            principals.Add(await WithTokenAsync(name, client));
        }

        principals.Add(new("apikey", KeyClient(app, keys.Item1), null));
        principals.Add(new("partner", KeyClient(app, keys.Item2), null));
        principals.Select(p => p.Name).ShouldBe(Columns);

        var values = await app.WithDbAsync(async db => new Dictionary<string, string>
        {
            ["vacancy"] = vacancy.Reference,
            ["licence"] = agency.LicenceNumber!,
            ["person"] = person,
            ["case"] = caseReference,
            ["application"] = (await db.Set<Core.Applications.JobApplication>().Where(a => a.AgencyId == agencyId).Select(a => a.Id).FirstAsync()).ToString(),
            ["employer"] = (await db.Set<ForeignEmployer>().Where(e => e.AgencyId == agencyId).Select(e => e.Id).FirstAsync()).ToString(),
            ["guide"] = (await db.Set<Guide>().Select(g => g.Id).FirstAsync()).ToString(),
            ["guideSlug"] = await db.Set<Guide>().Where(g => g.Status == GuideStatus.Published).Select(g => g.Slug).FirstAsync(),
            ["plan"] = await db.Set<ActionPlan>().Select(p => p.Code).FirstOrDefaultAsync() ?? "PLAN-NONE",
            ["session"] = (await db.Set<TrainingSession>().Where(s => s.TrainerId != null).Select(s => s.Id).FirstAsync()).ToString(),
            ["centre"] = (await db.Set<TrainingCentre>().Select(c => c.Id).FirstAsync()).ToString(),
            ["partnerNode"] = (await db.Set<PartnerNode>().Select(p => (Guid?)p.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString(),
            ["user"] = (await db.Users.Where(u => u.Email == DemoAccounts.OfficerEmail).Select(u => u.Id).SingleAsync()).ToString(),
            ["licenceApplication"] = await db.Set<LicenceApplication>().Select(a => a.Reference).FirstOrDefaultAsync() ?? "APP-NONE",
            ["dataset"] = await db.Set<Core.Statistics.Datasets.StatDataset>().Select(d => d.Code).FirstAsync(),
            ["upload"] = (await db.Set<Core.Statistics.Datasets.StatUpload>().Select(u => (Guid?)u.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString(),
            ["indicator"] = Core.Statistics.Indicators.All[0].Code,
            ["missing"] = Guid.NewGuid().ToString(),
            ["errorCode"] = "404",
            ["dimension"] = "sex",
            ["table"] = Core.Region.RegionalTables.All[0].Id,
            ["schemaType"] = Enum.GetValues<MessageType>()[0].ToString(),
            ["schemaVersion"] = MessageFields.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["documentName"] = "v1",
        });
        return new MatrixWorld { Principals = principals, Values = values };
    }

    private static HttpClient KeyClient(CaravanApp app, string secret)
    {
        var client = app.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHeader, secret);
        return client;
    }

    private const string ApiKeyAuthenticationHeader = "X-Api-Key";

    /// <summary>The session's own antiforgery token, from a public form every session may open.</summary>
    private static async Task<MatrixPrincipal> WithTokenAsync(string name, HttpClient client)
    {
        var page = await (await client.GetAsync("/contract-check")).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(page);
        token.Success.ShouldBeTrue($"no antiforgery token for {name}");
        return new(name, client, WebUtility.HtmlDecode(token.Groups[1].Value));
    }
}
