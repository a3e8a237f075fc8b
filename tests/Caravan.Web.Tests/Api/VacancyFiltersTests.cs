using System.Net;
using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Api;

/// <summary>Minimum wage across currencies, the no-fees filter and sorting by wage, on the API and the page.</summary>
public class VacancyFiltersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<VacancyPageDto> ListAsync(CaravanApp app, string query) =>
        (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?pageSize=100&" + query))!;

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_minimum_wage_in_one_currency_filters_wages_in_every_currency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var all = await ListAsync(app, "");
        // Seed rates: 80 RUB, 510 KZT, 1,450 KRW, 42.5 TRY and 3.6725 AED to the dollar.
        var perUsd = new Dictionary<string, decimal> { ["RUB"] = 80m, ["KZT"] = 510m, ["KRW"] = 1450m, ["TRY"] = 42.5m, ["AED"] = 3.6725m, ["USD"] = 1m };
        var expected = all.Items.Count(v => v.MonthlyWage.Amount / perUsd[v.MonthlyWage.Currency] >= 1000m);
        expected.ShouldBeGreaterThan(0);
        expected.ShouldBeLessThan(all.Total);

        var inUsd = await ListAsync(app, "minWage=1000&currency=USD");
        inUsd.Total.ShouldBe(expected);
        inUsd.Items.ShouldAllBe(v => v.MonthlyWage.Amount / perUsd[v.MonthlyWage.Currency] >= 1000m);
        // The same threshold given in roubles finds the same vacancies.
        (await ListAsync(app, "minWage=80000&currency=RUB")).Total.ShouldBe(expected);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Sorting_by_wage_puts_the_best_paid_first_whatever_the_currency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var sorted = await ListAsync(app, "sort=wage");
        var keys = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().ToDictionaryAsync(v => v.Reference, v => v.WageUsdCents));
        var order = sorted.Items.Select(v => keys[v.Reference]!.Value).ToList();
        order.ShouldBe(order.OrderByDescending(x => x).ToList());
        order.Count.ShouldBeGreaterThan(5);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_no_fees_filter_leaves_out_a_vacancy_that_charges_the_worker(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        // A node whose law allows a capped fee could publish this one; built directly, as the policy here is zero fees.
        var reference = await app.WithDbAsync(async ctx =>
        {
            var template = await ctx.Set<Vacancy>().AsNoTracking().FirstAsync(v => v.DestinationCountry == "KZ" && v.Status == VacancyStatus.Published);
            var charged = new Vacancy
            {
                Reference = ReferenceCode.Create(VacancyCommands.ReferencePrefix, 900_000 + Random.Shared.Next(90_000)),
                AgencyId = template.AgencyId,
                EmployerId = template.EmployerId,
                IscoCode = template.IscoCode,
                Title = "Charged vacancy",
                Description = template.Description,
                DestinationCountry = "KZ",
                City = "Almaty",
                Positions = 1,
                WageAmount = 300000m,
                WageCurrency = "KZT",
                WageUsdCents = 58_824,
                ApplicationDeadline = template.ApplicationDeadline,
                Status = VacancyStatus.Published,
                PublishedAt = DateTime.UtcNow,
                FeeFree = false,
            };
            charged.Costs.Add(new VacancyCost { VacancyId = charged.Id, Item = "Medical check", Amount = 20m, Currency = "USD" });
            ctx.Add(charged);
            await ctx.SaveChangesAsync();
            return charged.Reference;
        });
        (await ListAsync(app, "destination=KZ")).Items.ShouldContain(v => v.Reference == reference);
        var feeFree = await ListAsync(app, "destination=KZ&feeFree=true");
        feeFree.Items.ShouldNotContain(v => v.Reference == reference);
        feeFree.Total.ShouldBeGreaterThan(0);
        var page = await app.CreateClient().GetStringAsync("/vacancies?destination=KZ&noFees=true&culture=en");
        page.ShouldNotContain(reference);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_new_exchange_rate_moves_the_wage_key_of_every_vacancy_in_that_currency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.Browser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        (await admin.PostFormAsync("/admin/rates", new Dictionary<string, string>
        {
            ["Code"] = "TRY",
            ["Amount"] = "50",
            ["EffectiveFrom"] = "2026-11-27",
            ["Source"] = "Central bank rate of 27 November 2026",
        }, "/admin/rates?handler=Rate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        try
        {
            var rows = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Where(v => v.WageCurrency == "TRY").Select(v => new { v.WageAmount, v.WageUsdCents }).ToListAsync());
            rows.ShouldNotBeEmpty();
            rows.ShouldAllBe(r => r.WageUsdCents == (long)Math.Round(r.WageAmount * 2m));
        }
        finally
        {
            // Other tests of this class compare against the seed rate.
            await admin.PostFormAsync("/admin/rates", new Dictionary<string, string>
            {
                ["Code"] = "TRY",
                ["Amount"] = "42.5",
                ["EffectiveFrom"] = "2026-11-02",
                ["Source"] = "Indicative seed; replace with the official rate",
            }, "/admin/rates?handler=Rate");
        }
    }

    [Fact]
    public async Task Bad_filter_values_are_explained()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().GetAsync("/api/v1/vacancies?minWage=-1&currency=dollars&sort=cheapest");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("minWage");
        text.ShouldContain("currency");
        text.ShouldContain("sort");
    }
}
