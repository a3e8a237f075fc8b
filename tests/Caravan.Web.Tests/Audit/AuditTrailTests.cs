using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Audit;

public class AuditTrailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_demo_seed_is_in_the_trail_as_system_writes(DatabaseProvider db)
    {
        var entries = await fixture.Get(db).WithDbAsync(ctx => ctx.Set<AuditEntry>()
            .Where(a => a.EntityType == nameof(Vacancy) && a.Action == AuditAction.Create).ToListAsync());
        entries.Count.ShouldBe(30);
        entries.ShouldAllBe(a => a.ActorKind == "system");
        var changes = JsonDocument.Parse(entries[0].Changes).RootElement;
        changes.GetProperty("Title").GetProperty("to").GetString().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Personal_fields_are_masked_in_the_trail(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+99897" + Random.Shared.Next(1000000, 9999999);
        await app.Browser().SignInMigrantAsync(app, phone);
        var userId = await app.WithDbAsync(ctx => ctx.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync());
        var rows = await app.WithDbAsync(ctx => ctx.Set<AuditEntry>().Where(a => a.EntityId == userId.ToString()).ToListAsync());
        rows.ShouldNotBeEmpty();
        var digits = phone[1..];
        rows.ShouldAllBe(r => !r.Changes.Contains(digits));
        var created = JsonDocument.Parse(rows.First(r => r.Action == AuditAction.Create).Changes).RootElement;
        created.GetProperty("PhoneNumber").GetProperty("to").GetString().ShouldBe(AuditSaveChangesInterceptor.Masked);
        created.GetProperty("UserName").GetProperty("to").GetString().ShouldBe(AuditSaveChangesInterceptor.Masked);
        rows.ShouldContain(r => r.Action == AuditAction.Update && r.Changes.Contains("PhoneNumberConfirmed"));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_write_by_a_user_records_who_their_role_and_the_field_change(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        await client.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var reference = await app.WithDbAsync(async ctx =>
        {
            var agencyId = await ctx.Users.Where(u => u.Email == DemoAccounts.AgencyEmail).Select(u => u.AgencyId).SingleAsync();
            return await ctx.Set<Vacancy>().Where(v => v.AgencyId == agencyId && v.Status == VacancyStatus.Published).Select(v => v.Reference).FirstAsync();
        });
        (await client.PostAsJsonAsync($"/api/v1/agency/vacancies/{reference}/close", new { reason = "Filled" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var entry = await app.WithDbAsync(async ctx =>
        {
            var id = (await ctx.Set<Vacancy>().SingleAsync(v => v.Reference == reference)).Id.ToString();
            return await ctx.Set<AuditEntry>().SingleAsync(a => a.EntityId == id && a.Action == AuditAction.Update);
        });
        entry.ActorKind.ShouldBe("user");
        entry.ActorRole.ShouldBe("AgencyStaff");
        entry.Actor.ShouldStartWith("user:");
        var status = JsonDocument.Parse(entry.Changes).RootElement.GetProperty("Status");
        status.GetProperty("from").GetString().ShouldBe("Published");
        status.GetProperty("to").GetString().ShouldBe("Closed");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_trail_is_append_only(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.WithDbAsync(async ctx =>
        {
            var entry = await ctx.Set<AuditEntry>().FirstAsync();
            entry.Actor = "someone else";
            return await ctx.SaveChangesAsync();
        }));
        error.Message.ShouldContain("append-only");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Admin_browses_and_filters_the_trail(DatabaseProvider db)
    {
        var client = fixture.Get(db).Browser();
        await client.SignInStaffAsync(DemoAccounts.AdminEmail);
        var all = await client.GetStringAsync("/admin/audit?culture=en");
        all.ShouldContain("Audit trail");
        var vacancies = await client.GetStringAsync("/admin/audit?culture=en&entity=Vacancy&action=Create");
        vacancies.ShouldContain("30 entries");
        vacancies.ShouldNotContain(">CaravanUser <");
        var none = await client.GetStringAsync("/admin/audit?culture=en&actor=nobody-at-all");
        none.ShouldContain("0 entries");
    }
}
