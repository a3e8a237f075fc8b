using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics;

/// <summary>
/// The memory that kept tables and answers may use, apart from the node's shared cache: sized in cells
/// (<see cref="StatisticsOptions.CacheCells"/>), so a busy public site cannot grow it without bound.
/// </summary>
public sealed class StatisticsCache(IOptions<StatisticsOptions> options) : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheCells, CompactionPercentage = 0.25 });

    public void Dispose() => Cache.Dispose();
}
