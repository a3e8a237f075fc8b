using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Statistics;

/// <summary>A demo node has its statistics from the first page: its seeded facts are folded while it starts.</summary>
public class DemoStatisticsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_started_demo_node_has_its_facts_folded(DatabaseProvider db)
    {
        var (facts, cells, version) = await fixture.Get(db).WithScopeAsync(async sp =>
        {
            var context = sp.GetRequiredService<CaravanDbContext>();
            return (await context.Set<Fact>().CountAsync(), await context.Set<StatCell>().CountAsync(),
                (await sp.GetRequiredService<StatisticsFolder>().StateAsync()).Version);
        });
        facts.ShouldBeGreaterThan(0);
        cells.ShouldBeGreaterThan(0);
        version.ShouldBeGreaterThan(0);
    }
}
