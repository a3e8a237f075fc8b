using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Bench;

internal sealed record GeneratedData(IReadOnlyList<string> LicenceNumbers, Guid BulkAgencyId, string BulkEmployer);

/// <summary>Agencies, employers and published vacancies in realistic proportions, from a fixed seed so runs compare.</summary>
internal static class DataGenerator
{
    public static readonly string[] Destinations = ["RU", "KZ", "KR", "TR", "AE"];

    internal static readonly (string Isco, string Title)[] Jobs =
    [
        ("7212", "Welder"), ("7112", "Bricklayer"), ("7115", "Carpenter"), ("9313", "Construction labourer"), ("7126", "Plumber"),
        ("7411", "Electrician"), ("8332", "Truck driver"), ("4321", "Warehouse clerk"), ("8344", "Forklift operator"), ("9333", "Loader"),
        ("6111", "Vegetable grower"), ("9211", "Farm labourer"), ("8341", "Tractor driver"), ("6121", "Livestock worker"), ("7233", "Mechanic"),
        ("8211", "Assembly worker"), ("7223", "Machine setter"), ("8142", "Plastics operator"), ("8153", "Sewing machinist"), ("7531", "Tailor"),
        ("5120", "Cook"), ("5131", "Waiter"), ("9112", "Cleaner"), ("5151", "Housekeeper"), ("9412", "Kitchen helper"),
        ("4224", "Receptionist"), ("5322", "Care worker"), ("3221", "Nurse"), ("7231", "Car mechanic"), ("9621", "Courier"),
    ];

    /// <summary>Words people search for: one per job title, so each matches about one vacancy in thirty.</summary>
    public static readonly string[] SearchWords = [.. Jobs.Select(j => j.Title.Split(' ')[^1].ToLowerInvariant())];

    private static readonly Dictionary<string, (string[] Cities, decimal Wage, string Currency)> Places = new()
    {
        ["RU"] = (["Moscow", "Kazan", "Tver", "Yekaterinburg", "Saint Petersburg"], 70_000m, "RUB"),
        ["KZ"] = (["Almaty", "Astana", "Shymkent", "Kostanay"], 250_000m, "KZT"),
        ["KR"] = (["Ansan", "Hwaseong", "Suwon", "Gimpo", "Ulsan"], 2_300_000m, "KRW"),
        ["TR"] = (["Istanbul", "Bursa", "Denizli", "Izmir"], 36_000m, "TRY"),
        ["AE"] = (["Dubai", "Abu Dhabi", "Sharjah"], 2_500m, "AED"),
    };

    public static async Task<GeneratedData> FillAsync(BenchDatabase database, BenchOptions options)
    {
        var random = new Random(20261128);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTime.UtcNow;
        Dictionary<string, ExchangeRate> rates;
        var agencies = new List<(Guid Id, string[] Destinations, Guid[] Employers)>();
        var licences = new List<string>();
        await using (var db = database.NewContext())
        {
            rates = await db.Set<ExchangeRate>().ToDictionaryAsync(r => r.Currency);
            for (var i = 0; i < options.Agencies; i++)
            {
                var destinations = Destinations.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
                if (i == 0)
                {
                    destinations = ["KR", "RU"];
                }

                var agency = new Agency
                {
                    Name = $"Bench Agency {i:D4} {Jobs[i % Jobs.Length].Title} Recruitment",
                    RegistrationNumber = $"BENCH-{i:D6}",
                    LicenceNumber = ReferenceCode.Create(AgencyQueries.LicencePrefix, 10_000 + i),
                    LicenceStatus = LicenceStatus.Valid,
                    LicenceValidUntil = today.AddYears(2),
                    CountryCode = "UZ",
                    Destinations = [.. destinations.Select(d => new AgencyDestination { CountryCode = d })],
                };
                var employers = destinations.Select(d => new ForeignEmployer
                {
                    Name = $"Employer {i:D4} {d}",
                    CountryCode = d,
                    RegistrationId = $"EMP-{i:D4}-{d}",
                    AgencyId = agency.Id,
                    Status = EmployerStatus.Verified,
                }).ToArray();
                db.Add(agency);
                db.AddRange(employers);
                agencies.Add((agency.Id, destinations, [.. employers.Select(e => e.Id)]));
                licences.Add(agency.LicenceNumber);
            }

            await db.SaveChangesAsync();
        }

        const int batch = 20_000;
        for (var start = 0; start < options.Vacancies; start += batch)
        {
            await using var db = database.NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(options.Vacancies, start + batch); n++)
            {
                var (agencyId, destinations, employers) = agencies[random.Next(agencies.Count)];
                var d = random.Next(destinations.Length);
                var country = destinations[d];
                var place = Places[country];
                var job = Jobs[random.Next(Jobs.Length)];
                var city = place.Cities[random.Next(place.Cities.Length)];
                var wage = decimal.Round(place.Wage * (decimal)(1 + random.NextDouble()), 0);
                var v = new Vacancy
                {
                    Reference = ReferenceCode.Create(VacancyCommands.ReferencePrefix, 1_000_000 + n),
                    AgencyId = agencyId,
                    EmployerId = employers[d],
                    IscoCode = job.Isco,
                    Title = job.Title,
                    Description = $"{job.Title} in {city}. Written contract, wages paid monthly to a bank card, employer-paid insurance and housing support.",
                    City = city,
                    DestinationCountry = country,
                    Positions = random.Next(1, 40),
                    WageAmount = wage,
                    WageCurrency = place.Currency,
                    WageUsdCents = VacancyWages.ToCents(wage, place.Currency, rates),
                    HoursPerWeek = 40,
                    ContractMonths = 12,
                    ApplicationDeadline = today.AddDays(random.Next(10, 90)),
                    Status = VacancyStatus.Published,
                    PublishedAt = now.AddMinutes(-random.Next(0, 60 * 24 * 60)),
                    TextLanguage = "en",
                };
                db.Add(v);
            }

            await db.SaveChangesAsync();
        }

        // Planner statistics, as a running node keeps them: autovacuum on PostgreSQL, PRAGMA optimize at start on SQLite.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var first = agencies[0];
        return new GeneratedData(licences, first.Id, $"EMP-0000-KR");
    }
}
