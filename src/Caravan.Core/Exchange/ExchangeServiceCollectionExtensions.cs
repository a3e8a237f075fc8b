using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Exchange;

public static class ExchangeServiceCollectionExtensions
{
    /// <summary>Exchange between nodes: the trust list of partner nodes, their keys and allowed flows, and the check every message passes.</summary>
    public static IServiceCollection AddExchange(this IServiceCollection services)
    {
        services.AddScoped<TrustListCommands>();
        services.AddScoped<TrustListQueries>();
        services.AddScoped<TrustCheck>();
        return services;
    }
}
