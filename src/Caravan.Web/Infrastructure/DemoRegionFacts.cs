using Caravan.Core.Data;
using Caravan.Core.Reference;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Two years of fictional departures and registered employment abroad for a demo region's country node, so that what
/// it publishes to the hub, and the plan values it sends, are more than zeros. Each country has its own corridors,
/// with one small corridor that disclosure control must hide. Demo only: added by demo-region, refused outside
/// Development like every demo, and never mixed into a node with real records (the seeder's own rule).
/// </summary>
public static class DemoRegionFacts
{
    public const string Setting = "DemoRegion:Facts";
    private const string Marker = "demo-region";

    private static readonly Dictionary<string, (string Destination, int PerMonth)[]> Corridors = new(StringComparer.Ordinal)
    {
        ["UZ"] = [("RU", 60), ("KZ", 30), ("KR", 12), ("TR", 6), ("AE", 2)],
        ["KZ"] = [("RU", 25), ("KR", 8), ("DE", 4), ("TR", 3), ("AE", 1)],
    };

    public static async Task SeedAsync(IServiceProvider services, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<CaravanDbContext>();
        if (!Corridors.TryGetValue(country, out var corridors) || await db.Set<Fact>().AnyAsync(f => f.Detail == Marker, cancellationToken))
        {
            return;
        }

        var regions = (await services.GetRequiredService<Catalogue>().SubdivisionsAsync(country, cancellationToken)).Keys.Order(StringComparer.Ordinal).Take(4).ToList();
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var recorded = now.AddMinutes(-5);
        var facts = new List<Fact>();
        for (var back = 23; back >= 0; back--)
        {
            var month = today.AddMonths(-back);
            // Nothing dated after today: this month's records stop at today, as real ones would.
            var lastDay = back == 0 ? today.Day : 27;
            foreach (var (destination, perMonth) in corridors)
            {
                // A little seasonal swing, so the series over time is not flat.
                var count = perMonth + (perMonth * ((month.Month % 6) - 2) / 10);
                for (var i = 0; i < count; i++)
                {
                    facts.Add(Fact(FactKind.Departure, new DateOnly(month.Year, month.Month, 1 + (i % lastDay)), regions, destination, i, recorded));
                }
            }

            // Registrations of this country's workers abroad, reported by the destination (the agreement's message).
            // At least 48 a month: cut four ways (age band, region), each cell reaches the disclosure threshold of 10, so
            // the year's total is published and reaches the joint plan; fewer were all protected, and the plan got nothing.
            var employed = Math.Max(48, corridors.First(c => c.Destination != "RU").PerMonth * 2);
            for (var i = 0; i < employed; i++)
            {
                facts.Add(Fact(FactKind.EmploymentRegistered, new DateOnly(month.Year, month.Month, 1 + (i % lastDay)), regions, corridors.First(c => c.Destination != "RU").Destination, i, recorded));
            }
        }

        db.AddRange(facts);
        await db.SaveChangesAsync(cancellationToken);
        await services.GetRequiredService<StatisticsFolder>().RebuildAsync(cancellationToken);
    }

    private static Fact Fact(FactKind kind, DateOnly date, List<string> regions, string destination, int i, DateTime recorded) => new()
    {
        Kind = kind,
        Date = date,
        Sex = i % 3 == 0 ? "F" : "M",
        AgeBand = (i % 4) switch { 0 => "20-24", 1 => "25-29", 2 => "30-34", _ => "35-39" },
        RegionOfOrigin = regions.Count == 0 ? null : regions[i % regions.Count],
        Destination = destination,
        IscoGroup = i % 2 == 0 ? "7" : "9",
        Detail = Marker,
        RecordedAt = recorded,
    };
}
