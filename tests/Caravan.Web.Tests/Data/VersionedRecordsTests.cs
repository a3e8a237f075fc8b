using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Data;

/// <summary>
/// Optimistic concurrency on the records people edit: of two saves based on the same version, the second is refused
/// rather than silently overwriting the first, on both databases, and the person is told so in their language.
/// </summary>
public sealed class VersionedRecordsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_save_based_on_an_older_version_is_refused(DatabaseProvider provider)
    {
        var app = fixture.Get(provider);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<CaravanDbContext>();
        var b = second.ServiceProvider.GetRequiredService<CaravanDbContext>();
        var agencyA = await a.Set<Agency>().OrderBy(x => x.RegistrationNumber).FirstAsync();
        var agencyB = await b.Set<Agency>().SingleAsync(x => x.Id == agencyA.Id);
        var vacancyA = await a.Set<Vacancy>().OrderBy(x => x.Id).FirstAsync();
        var vacancyB = await b.Set<Vacancy>().SingleAsync(x => x.Id == vacancyA.Id);
        var before = agencyA.Version;

        agencyA.RegionCode = "UZ-SA";
        vacancyA.City = "Kazan";
        await a.SaveChangesAsync();
        agencyA.Version.ShouldNotBe(before);

        agencyB.RegionCode = "UZ-FA";
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        b.ChangeTracker.Clear();
        vacancyB = await b.Set<Vacancy>().SingleAsync(x => x.Id == vacancyA.Id);
        vacancyB.City.ShouldBe("Kazan");
        (await b.Set<Agency>().AsNoTracking().SingleAsync(x => x.Id == agencyA.Id)).RegionCode.ShouldBe("UZ-SA");

        // Based on the version just read, a save goes through.
        vacancyB.City = "Tver";
        await b.SaveChangesAsync();
    }

    [Fact]
    public async Task The_refusal_is_a_409_page_that_says_what_happened()
    {
        CaravanPipeline.StatusFor(new DbUpdateConcurrencyException()).ShouldBe(409);
        var app = fixture.Get(DatabaseProvider.Sqlite);
        var page = await app.EnglishBrowser().GetAsync("/errors/409");
        page.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await page.TextAsync()).ShouldContain("Someone else saved this record while you were working on it");
    }
}
