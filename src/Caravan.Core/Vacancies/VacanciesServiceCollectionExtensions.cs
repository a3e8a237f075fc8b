using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Vacancies;

public static class VacanciesServiceCollectionExtensions
{
    /// <summary>Vacancies: submission with its checks, approval, the public search and the bulk writer under it.</summary>
    public static IServiceCollection AddVacancies(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<VacancySearchOptions>().Bind(config.GetSection(VacancySearchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VacancyListingCache>();
        services.AddSingleton<VacancySearchSnapshot>();
        services.AddScoped<VacancySearch>();
        services.AddScoped<VacancyQueries>();
        services.AddScoped<VacancyCommands>();
        services.AddScoped<VacancySubmission>();
        services.AddScoped<VacancyChecks>();
        services.AddScoped<Data.BulkInsert>();
        return services;
    }
}
