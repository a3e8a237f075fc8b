using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Statistics;

public static class StatisticsServiceCollectionExtensions
{
    /// <summary>Facts, the fold into aggregates, the backfill, and the disclosure-controlled reader of published figures.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StatisticsOptions>().Bind(config.GetSection(StatisticsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FactWriter>();
        services.AddScoped<FactBackfill>();
        services.AddScoped<StatCellWriter>();
        services.AddScoped<StatisticsFolder>();
        services.AddScoped<Codelists>();
        services.AddScoped<CodeNames>();
        services.AddScoped<StatisticsRequestParser>();
        services.AddScoped<StatisticsReader>();
        services.AddScoped<StatisticsService>();
        services.AddSingleton<StatisticsCache>();
        services.AddScoped<Datasets.DatasetUploads>();
        services.AddScoped<Datasets.DatasetCommitter>();
        services.AddScoped<Datasets.DatasetQueries>();
        services.AddScoped<Datasets.StockComparison>();
        services.AddScoped<Datasets.DemoDatasets>();
        return services;
    }
}
