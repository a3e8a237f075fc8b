using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Dashboard;

public class ScopeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Agency_staff_see_their_own_vacancy_and_404_for_another_agencys(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        await client.SignInStaffAsync(DemoAccounts.OtherAgencyEmail);
        var (own, other) = await app.WithDbAsync(async ctx =>
        {
            var agencyId = await ctx.Users.Where(u => u.Email == DemoAccounts.OtherAgencyEmail).Select(u => u.AgencyId).SingleAsync();
            return (await ctx.Set<Vacancy>().Where(v => v.AgencyId == agencyId).Select(v => v.Reference).FirstAsync(),
                await ctx.Set<Vacancy>().Where(v => v.AgencyId != agencyId).Select(v => v.Reference).FirstAsync());
        });
        (await client.GetAsync($"/dashboard/agency/vacancies/{own}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var theirs = await client.GetAsync($"/dashboard/agency/vacancies/{other}");
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await client.GetAsync("/dashboard/agency")).Content.ReadAsStringAsync();
        list.ShouldContain(own);
        list.ShouldNotContain(other);
    }

    [Theory]
    [InlineData("/dashboard/admin")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/api-keys")]
    [InlineData("/dashboard/officer")]
    [InlineData("/dashboard/migrant")]
    public async Task Agency_staff_are_refused_other_roles_pages(string path)
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        await client.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        var denied = await client.GetAsync(response.Headers.Location);
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/admin")]
    [InlineData("/admin/audit")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task A_migrant_cannot_open_staff_dashboards()
    {
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var client = app.Browser();
        await client.SignInMigrantAsync(app, DemoAccounts.MigrantPhone);
        (await client.GetAsync("/dashboard/agency")).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
        (await client.GetAsync("/dashboard/officer")).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
    }
}
