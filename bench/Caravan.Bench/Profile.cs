using System.Diagnostics;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.Extensions.Caching.Memory;

namespace Caravan.Bench;

/// <summary>Times the search query in process, without HTTP, to tell database time from the rest of a request.</summary>
internal static class Profile
{
    public static async Task RunAsync(BenchDatabase database)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        for (var round = 0; round < 5; round++)
        {
            await using var db = database.NewContext();
            var catalogue = new Catalogue(db, cache);
            var queries = new VacancyQueries(db, TimeProvider.System, catalogue, new RateTable(db));
            var clock = Stopwatch.StartNew();
            var result = await queries.PublishedAsync(new VacancyFilter("KR", "7", 1, 20) { Query = "welder" });
            Console.WriteLine($"round {round}: search (count and first page) {clock.Elapsed.TotalMilliseconds:0.0} ms, {result.Total} found");
        }
    }
}
