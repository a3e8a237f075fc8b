using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Api;

/// <summary>A node that searches in the database, never in memory, as a node over <see cref="VacancySearchOptions.MemoryLimit"/> does.</summary>
public sealed class DatabaseSearchFixture : AppFixture
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["VacancySearch:MemoryLimit"] = "0" };
}

/// <summary>
/// A broad search above the count cap says "about" with an estimate when the database answers, and "more than" when a
/// small node counts in memory; its own database, as it adds a thousand vacancies.
/// </summary>
public class VacancyCountCapTests(DatabaseSearchFixture fixture) : IClassFixture<DatabaseSearchFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Above_the_cap_the_count_is_an_estimate_and_says_so_on_the_api_and_the_page(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await app.WithDbAsync(async ctx =>
        {
            var template = await ctx.Set<Vacancy>().AsNoTracking().FirstAsync(v => v.DestinationCountry == "KZ");
            for (var i = 0; i < VacancyQueries.CountCap + 5; i++)
            {
                ctx.Add(new Vacancy
                {
                    Reference = ReferenceCode.Create(VacancyCommands.ReferencePrefix, 700_000 + i),
                    AgencyId = template.AgencyId,
                    EmployerId = template.EmployerId,
                    IscoCode = template.IscoCode,
                    Title = "Seasonal picker",
                    Description = template.Description,
                    DestinationCountry = "KZ",
                    City = "Almaty",
                    Positions = 1,
                    WageAmount = 300000m,
                    WageCurrency = "KZT",
                    ApplicationDeadline = template.ApplicationDeadline,
                    Status = VacancyStatus.Published,
                    PublishedAt = DateTime.UtcNow,
                });
            }

            return await ctx.SaveChangesAsync();
        });

        // The newest 1,000 (the default window) are all pickers: the estimate scales that share to every published vacancy.
        var page = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?q=picker"))!;
        page.TotalIsEstimate.ShouldBeTrue();
        page.TotalIsLowerBound.ShouldBeFalse();
        page.Total.ShouldBeInRange(VacancyQueries.CountCap, VacancyQueries.CountCap + 100);
        page.Items.Count.ShouldBe(20);
        page.Items.ShouldAllBe(v => v.Title == "Seasonal picker");
        var narrow = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?destination=RU"))!;
        narrow.TotalIsLowerBound.ShouldBeFalse();
        narrow.TotalIsEstimate.ShouldBeFalse();
        narrow.Total.ShouldBe(await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.DestinationCountry == "RU" && v.Status == VacancyStatus.Published
            && v.Agency!.LicenceStatus == Caravan.Core.Agencies.LicenceStatus.Valid)));
        (await app.CreateClient().GetStringAsync("/vacancies?q=picker&culture=en")).ShouldContain($"About {page.Total:N0} vacancies found (an estimate)");

        // The same search on a node small enough to hold its vacancies in memory: every match counted, so "more than".
        var counted = await app.WithScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<CaravanDbContext>();
            var listing = sp.GetRequiredService<VacancyListingCache>();
            var search = new VacancySearch(ctx, sp.GetRequiredService<Catalogue>(), sp.GetRequiredService<RateTable>(), sp.GetRequiredService<IMemoryCache>(),
                Options.Create(new VacancySearchOptions { MemoryLimit = 100_000 }), listing, sp.GetRequiredService<VacancySearchSnapshot>(), TimeProvider.System);
            return await new VacancyQueries(ctx, TimeProvider.System, search, listing).PublishedAsync(new VacancyFilter(null, null, 1, 20) { Query = "picker" });
        });
        counted.Total.ShouldBe(VacancyQueries.CountCap);
        counted.TotalIsLowerBound.ShouldBeTrue();
        counted.TotalIsEstimate.ShouldBeFalse();
        counted.Items.Select(v => v.Title).ShouldAllBe(t => t == "Seasonal picker");
    }
}
