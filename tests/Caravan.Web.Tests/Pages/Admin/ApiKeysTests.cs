using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Admin;

public partial class ApiKeysTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [GeneratedRegex("id=\"new-secret\">(cvn_[A-Za-z0-9_-]+)<")]
    private static partial Regex Secret();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Admin_issues_an_agency_key_that_sees_only_that_agency_and_can_revoke_it(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.Browser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var (agencyId, own, other) = await app.WithDbAsync(async ctx =>
        {
            var id = await ctx.Users.Where(u => u.Email == DemoAccounts.AgencyEmail).Select(u => u.AgencyId!.Value).SingleAsync();
            return (id, await ctx.Set<Vacancy>().Where(v => v.AgencyId == id).Select(v => v.Reference).FirstAsync(),
                await ctx.Set<Vacancy>().Where(v => v.AgencyId != id).Select(v => v.Reference).FirstAsync());
        });

        var created = await admin.PostFormAsync("/admin/api-keys", new Dictionary<string, string>
        {
            ["Name"] = "Integration test key",
            ["Scope"] = $"agency:{agencyId}",
            ["ExpiresInDays"] = "30",
        }, "/admin/api-keys?handler=Create");
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var secret = Secret().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        secret.ShouldStartWith("cvn_");

        var stored = await app.WithDbAsync(ctx => ctx.Set<ApiKey>().SingleAsync(k => k.Name == "Integration test key"));
        stored.SecretHash.ShouldNotContain(secret[4..]);
        var audit = await app.WithDbAsync(ctx => ctx.Set<AuditEntry>().SingleAsync(a => a.EntityId == stored.Id.ToString() && a.Action == AuditAction.Create));
        audit.Changes.ShouldNotContain(stored.SecretHash);

        var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", secret);
        (await machine.GetAsync($"/api/v1/agency/vacancies/{own}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await machine.GetAsync($"/api/v1/agency/vacancies/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A write by the machine client is audited as the key, not as a person.
        (await machine.PostAsync($"/api/v1/agency/vacancies/{own}/close", System.Net.Http.Json.JsonContent.Create(new { reason = "Closed by the agency's system" })))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var write = await app.WithDbAsync(async ctx =>
        {
            var id = (await ctx.Set<Vacancy>().SingleAsync(v => v.Reference == own)).Id.ToString();
            return await ctx.Set<AuditEntry>().SingleAsync(a => a.EntityId == id && a.Action == AuditAction.Update);
        });
        write.ActorKind.ShouldBe("api");
        write.Actor.ShouldBe($"apikey:{stored.Prefix}");

        (await admin.PostFormAsync("/admin/api-keys", new Dictionary<string, string>(), $"/admin/api-keys?handler=Revoke&id={stored.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var revoked = await machine.GetAsync($"/api/v1/agency/vacancies/{own}");
        revoked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        revoked.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_expired_key_is_refused(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var secret = await app.WithScopeAsync(async sp =>
        {
            var ctx = (CaravanDbContext)sp.GetService(typeof(CaravanDbContext))!;
            var agencyId = await ctx.Users.Where(u => u.Email == DemoAccounts.AgencyEmail).Select(u => u.AgencyId!.Value).SingleAsync();
            var keys = (ApiKeyService)sp.GetService(typeof(ApiKeyService))!;
            var (_, s) = await keys.CreateAsync("expired", agencyId, null, DateTime.UtcNow.AddMinutes(-1));
            return s;
        });
        var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Add("X-Api-Key", secret);
        (await machine.GetAsync("/api/v1/agency/vacancies/VAC-0010009")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("cvn_not-a-real-key")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task Wrong_keys_get_401_problem(string key)
    {
        var machine = fixture.Get(DatabaseProvider.Sqlite).CreateClient();
        machine.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        var response = await machine.GetAsync("/api/v1/agency/vacancies/VAC-0010009");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("", "agency:x", "Enter a name")]
    [InlineData("Key", "", "Choose who the key belongs to")]
    [InlineData("Key", "agency:00000000-0000-0000-0000-000000000000", "Choose who the key belongs to")]
    [InlineData("Key", "node:KZ", "Enter a number of days from 1 to 730")]
    public async Task Bad_key_forms_get_messages_and_create_nothing(string name, string scope, string message)
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var admin = app.Browser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var before = await app.WithDbAsync(ctx => ctx.Set<ApiKey>().CountAsync());
        var response = await admin.PostFormAsync("/admin/api-keys?culture=en", new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Scope"] = scope,
            ["ExpiresInDays"] = message.Contains("730", StringComparison.Ordinal) ? "9999" : "30",
        }, "/admin/api-keys?handler=Create");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await app.WithDbAsync(ctx => ctx.Set<ApiKey>().CountAsync())).ShouldBe(before);
    }
}
