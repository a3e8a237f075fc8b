using Caravan.Core.Agencies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>Legal cases: intake, files, work, closing, queues and teams. The node supplies <see cref="ICaseNotifier"/>.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CaseOptions>().Bind(config.GetSection(CaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CaseAccessRules>();
        services.AddScoped<CaseTimeline>();
        services.AddScoped<CaseFacts>();
        services.AddScoped<CaseIntake>();
        services.AddScoped<CaseFiles>();
        services.AddScoped<CaseAttachments>();
        services.AddScoped<CaseWork>();
        services.AddScoped<CaseOutcomes>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<TeamCommands>();
        services.AddScoped<IAgencyCaseCounts, CaseFigures>();
        return services;
    }
}
