using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Api;

/// <summary>A broad search stops counting at 1,000 and says "more than"; its own database, as it adds a thousand vacancies.</summary>
public class VacancyCountCapTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Counting_stops_at_the_cap_and_says_so_on_the_api_and_the_page(DatabaseProvider db)
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

        var page = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?q=picker"))!;
        page.Total.ShouldBe(VacancyQueries.CountCap);
        page.TotalIsLowerBound.ShouldBeTrue();
        page.Items.Count.ShouldBe(20);
        var narrow = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?destination=RU"))!;
        narrow.TotalIsLowerBound.ShouldBeFalse();
        (await app.CreateClient().GetStringAsync("/vacancies?q=picker&culture=en")).ShouldContain("More than 1,000 vacancies found");
    }
}
