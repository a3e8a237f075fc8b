using Caravan.Core.Exchange;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Coordination;

public static class CoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Shared action plans and the recommendations of regional meetings: defined on the hub, reported on by each
    /// party's node, kept the same everywhere by ActionPlanUpdate messages.
    /// </summary>
    public static IServiceCollection AddCoordination(this IServiceCollection services)
    {
        services.AddScoped<PlanApplier>();
        services.AddScoped<PlanSharing>();
        services.AddScoped<PlanResend>();
        services.AddScoped<PlanCommands>();
        services.AddScoped<PlanQueries>();
        services.AddScoped<PlanValuePublisher>();
        services.AddScoped<DemoActionPlans>();
        services.AddScoped<IExchangeHandler, PlanUpdateHandler>();
        return services;
    }
}
