using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Guides;

public static class GuidesServiceCollectionExtensions
{
    /// <summary>The information hub: guides written by officers, reviewed by another, and read by everyone.</summary>
    public static IServiceCollection AddGuides(this IServiceCollection services)
    {
        services.AddScoped<GuideCommands>();
        services.AddScoped<GuideQueries>();
        services.AddScoped<DemoGuides>();
        return services;
    }
}
