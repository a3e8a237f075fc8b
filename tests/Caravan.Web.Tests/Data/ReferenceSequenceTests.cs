using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Data;

/// <summary>
/// Public references (CAS-…, VAC-…, the registry's) come from one row per prefix. Found by the fault tests: an
/// UPDATE then a SELECT let concurrent requests read the same number, and the second tip failed on the unique index.
/// </summary>
public sealed class ReferenceSequenceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Concurrent_reservations_never_share_a_number(DatabaseProvider provider)
    {
        var app = fixture.Get(provider);
        var name = "T" + Guid.NewGuid().ToString("N")[..8];
        var reserved = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var numbers = new List<long>();
            for (var i = 0; i < 40; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
                // Blocks of different sizes, as a bulk upload and single tips reserve them side by side.
                var size = 1 + ((worker + i) % 3);
                var first = await db.ReserveAsync(name, size, 1_000);
                numbers.AddRange(Enumerable.Range(0, size).Select(k => first + k));
            }

            return numbers;
        })));

        var all = reserved.SelectMany(n => n).ToList();
        all.Count.ShouldBe(all.Distinct().Count(), "two reservations shared a number");
        all.Min().ShouldBe(1_000);
        all.Max().ShouldBe(1_000 + all.Count - 1, "a reservation skipped numbers without a failure");
    }
}
