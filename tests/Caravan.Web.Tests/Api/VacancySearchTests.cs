using System.Net.Http.Json;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Tests.Api;

/// <summary>A node whose search reads only the 30 newest vacancies of a destination before it asks the token index.</summary>
public sealed class SmallWindowFixture : AppFixture
{
    public const int Window = 30;

    // The database's two ways of answering are what these tests are about, so the node never searches in memory.
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["VacancySearch:Window"] = Window.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VacancySearch:MemoryLimit"] = "0",
    };
}

/// <summary>
/// The two steps of the search (VacancySearch): the newest vacancies read in order, and the token index. Its own
/// database, as it adds 1,100 vacancies newer than the demo's.
/// </summary>
public sealed class VacancySearchTests(SmallWindowFixture fixture) : IClassFixture<SmallWindowFixture>
{
    private const int Pickers = 1100;
    private const int Pruners = 1050;

    private static async Task EnsurePickersAsync(CaravanApp app) => await app.WithDbAsync(async ctx =>
    {
        if (await ctx.Set<Vacancy>().AnyAsync(v => v.Title == "Seasonal picker"))
        {
            return 0;
        }

        var template = await ctx.Set<Vacancy>().AsNoTracking().FirstAsync(v => v.DestinationCountry == "KZ" && v.Status == VacancyStatus.Published);
        Vacancy Like(long number, string isco, string title, string description, string city, DateTime published) => new()
        {
            Reference = ReferenceCode.Create(VacancyCommands.ReferencePrefix, number),
            AgencyId = template.AgencyId,
            EmployerId = template.EmployerId,
            IscoCode = isco,
            Title = title,
            Description = description,
            DestinationCountry = "KZ",
            City = city,
            Positions = 1,
            WageAmount = 300000m,
            WageCurrency = "KZT",
            ApplicationDeadline = template.ApplicationDeadline,
            Status = VacancyStatus.Published,
            PublishedAt = published,
        };

        for (var i = 0; i < Pickers; i++)
        {
            var picker = Like(800_000 + i, "9211", "Seasonal picker", "Apple harvest near Almaty; wages paid every two weeks.", "Almaty", DateTime.UtcNow.AddSeconds(-i));
            // Wages and fees that differ, for the wage sort and the wage and fee filters.
            picker.WageUsdCents = 40_000 + (i % 7 * 10_000);
            picker.FeeFree = i % 3 != 0;
            ctx.Add(picker);
        }

        // Older than anything else: a search for them finds none among the newest, so the index answers and counts.
        for (var i = 0; i < Pruners; i++)
        {
            ctx.Add(Like(820_000 + i, "9214", "Orchard pruner", "Winter pruning of apple trees; wages paid every two weeks.", "Talgar", DateTime.UtcNow.AddYears(-1).AddSeconds(-i)));
        }

        return await ctx.SaveChangesAsync();
    });

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_vacancy_whose_currency_has_no_rate_sorts_last_by_wage_when_the_database_answers(DatabaseProvider db)
    {
        // PostgreSQL sorts NULL first in a descending order, SQLite last; the key of a wage with no rate is neither.
        var app = fixture.Get(db);
        var (word, rateless) = await VacancyFiltersTests.AddRatelessVacancyAsync(app);
        await VacancyFiltersTests.ShowsRatelessLastAsync(app, word, rateless);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_broad_search_is_read_from_the_newest_and_its_count_is_an_estimate_said_as_about(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await EnsurePickersAsync(app);
        var client = app.CreateClient();

        var page = (await client.GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?q=pick&destination=KZ"))!;
        page.Items.Count.ShouldBe(20);
        page.Items.ShouldAllBe(v => v.Title == "Seasonal picker");
        page.TotalIsEstimate.ShouldBeTrue();
        page.TotalIsLowerBound.ShouldBeFalse();
        // Every one of the 30 newest KZ vacancies matches, so the estimate is the whole destination, to two figures.
        var kazakhstan = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.DestinationCountry == "KZ" && v.Status == VacancyStatus.Published));
        page.Total.ShouldBe(VacancySearch.RoundEstimate(kazakhstan));
        (await client.GetStringAsync("/vacancies?q=picker&destination=KZ&culture=en")).ShouldContain($"About {page.Total:N0} vacancies found (an estimate)");
        (await client.GetStringAsync("/vacancies?q=picker&destination=KZ&culture=ru")).ShouldContain("Найдено около");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_narrow_search_for_a_vacancy_older_than_the_window_is_found_by_the_index_and_counted_exactly(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await EnsurePickersAsync(app);
        var demo = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().AsNoTracking()
            .Where(v => v.DestinationCountry == "KZ" && v.Status == VacancyStatus.Published && v.Title != "Seasonal picker" && v.Title != "Orchard pruner")
            .OrderBy(v => v.PublishedAt).FirstAsync());
        var word = VacancySearchTerms.Words(demo.Title).OrderByDescending(w => w.Length).First();

        var page = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>($"/api/v1/vacancies?pageSize=100&destination=KZ&q={Uri.EscapeDataString(word)}"))!;
        page.Items.ShouldContain(v => v.Reference == demo.Reference);
        page.TotalIsEstimate.ShouldBeFalse();
        page.Total.ShouldBe(page.Items.Count);

        var group = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>($"/api/v1/vacancies?pageSize=100&destination=KZ&isco={demo.IscoCode[0]}&q={Uri.EscapeDataString(word)}"))!;
        group.Items.ShouldContain(v => v.Reference == demo.Reference);
        (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>($"/api/v1/vacancies?destination=KZ&isco=0&q={Uri.EscapeDataString(word)}"))!.Total.ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_search_the_newest_do_not_answer_is_counted_by_the_index_up_to_the_cap_and_says_more_than(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await EnsurePickersAsync(app);
        var page = (await app.CreateClient().GetFromJsonAsync<VacancyPageDto>("/api/v1/vacancies?q=pruner&destination=KZ"))!;
        page.Items.Count.ShouldBe(20);
        page.Items.ShouldAllBe(v => v.Title == "Orchard pruner");
        page.Total.ShouldBe(VacancyQueries.CountCap);
        page.TotalIsLowerBound.ShouldBeTrue();
        page.TotalIsEstimate.ShouldBeFalse();
        (await app.CreateClient().GetStringAsync("/vacancies?q=pruner&destination=KZ&culture=en")).ShouldContain("More than 1,000 vacancies found");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_newest_in_order_and_the_token_index_give_the_same_answer_to_every_search(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        await EnsurePickersAsync(app);
        var published = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().AsNoTracking().Include(v => v.Translations).Include(v => v.Agency)
            .Where(v => v.Status == VacancyStatus.Published && v.Title != "Seasonal picker" && v.Title != "Orchard pruner").ToListAsync());
        published.Count.ShouldBeGreaterThan(SmallWindowFixture.Window / 2);
        var filters = new List<VacancyFilter>
        {
            new(null, null, 1, 100) { Query = "worker" },
            new("KZ", "9", 1, 100) { Query = "pick" },
            new(null, null, 1, 100),
            new(null, null, 3, 7),
            new(null, null, 1, 100) { FeeFreeOnly = true },
            new(null, null, 1, 100) { MinWage = 400 },
            new(null, "7", 1, 100) { MinWage = 250_000, MinWageCurrency = "KZT" },
            new(null, null, 1, 100) { AgencyLicence = " " + published[0].Agency!.LicenceNumber!.ToLowerInvariant() },
            new("KZ", null, 1, 100) { Query = "apple", MinWage = 100, FeeFreeOnly = true },
        };
        foreach (var v in published.Take(12))
        {
            var word = VacancySearchTerms.Words(v.Title).First();
            filters.Add(new VacancyFilter(null, null, 1, 100) { Query = word });
            filters.Add(new VacancyFilter(v.DestinationCountry, null, 1, 100) { Query = word[..Math.Min(3, word.Length)] });
            filters.Add(new VacancyFilter(null, v.IscoCode[..1], 1, 100) { Query = word + " " + VacancySearchTerms.Words(v.City).First() });
            if (v.Translations.FirstOrDefault() is { } t)
            {
                filters.Add(new VacancyFilter(v.DestinationCountry, v.IscoCode[..2], 1, 100) { Query = VacancySearchTerms.Words(t.Title).First() });
            }
        }

        await app.WithScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<CaravanDbContext>();
            VacancyQueries With(int window, int memoryLimit = 0) => new(ctx, TimeProvider.System, new VacancySearch(ctx, sp.GetRequiredService<Catalogue>(), sp.GetRequiredService<RateTable>(),
                sp.GetRequiredService<IMemoryCache>(), Options.Create(new VacancySearchOptions { Window = window, MemoryLimit = memoryLimit }),
                sp.GetRequiredService<VacancyListingCache>(), sp.GetRequiredService<VacancySearchSnapshot>(), TimeProvider.System), sp.GetRequiredService<VacancyListingCache>());
            // A window of everything answers from the rows read in order; a window of 20 cannot fill a page of 100, so the
            // index answers; a small node's snapshot answers from memory with no query.
            var inOrder = With(1_000_000);
            var indexed = With(20);
            var inMemory = With(20, memoryLimit: 100_000);
            var sorts = new[] { VacancySort.Newest, VacancySort.Wage };
            foreach (var filter in filters.SelectMany(f => sorts.Select(sort => f with { Sort = sort })))
            {
                var a = await inOrder.PublishedAsync(filter);
                foreach (var (other, how) in new[] { (indexed, "index"), (inMemory, "memory") })
                {
                    var b = await other.PublishedAsync(filter);
                    b.Items.Select(v => v.Reference).ShouldBe(a.Items.Select(v => v.Reference), $"{how}: {filter.Query} in {filter.Destination}, group {filter.Isco}, {filter.Sort}");
                    (b.Total, b.TotalIsLowerBound).ShouldBe((a.Total, a.TotalIsLowerBound), $"{how}: {filter.Query} in {filter.Destination}, group {filter.Isco}, {filter.Sort}");
                }
            }

            return filters.Count;
        });
        filters.Count.ShouldBeGreaterThan(30);
    }
}
