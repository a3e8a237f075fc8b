using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Applications;

public static class ApplicationsServiceCollectionExtensions
{
    /// <summary>Matching vacancies to a migrant's profile, applications, and the agency's decisions on them.</summary>
    public static IServiceCollection AddApplications(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ApplicationOptions>().Bind(config.GetSection(ApplicationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<VacancyMatcher>();
        services.AddScoped<ApplicationCommands>();
        services.AddScoped<ApplicationDecisions>();
        services.AddScoped<ApplicationQueries>();
        return services;
    }
}
