using Caravan.Core.Exchange;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Region;

public static class RegionServiceCollectionExtensions
{
    /// <summary>
    /// The regional hub: country nodes publish their protected tables (<see cref="AggregatePublisher"/>), the hub keeps
    /// them (<see cref="AggregatePublicationHandler"/>) and shows the region side by side (<see cref="RegionalDashboard"/>).
    /// </summary>
    public static IServiceCollection AddRegion(this IServiceCollection services)
    {
        services.AddScoped<AggregatePublisher>();
        services.AddScoped<RegionalDashboard>();
        services.AddScoped<IExchangeHandler, AggregatePublicationHandler>();
        return services;
    }
}
