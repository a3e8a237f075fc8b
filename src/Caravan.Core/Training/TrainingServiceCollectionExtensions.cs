using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Training;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>Pre-departure training: sessions, enrolment with a waiting list, assessment by trainers, signed certificates.</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingCommands>();
        services.AddScoped<TrainingQueries>();
        services.AddScoped<TrainingCertificates>();
        services.AddScoped<DemoTraining>();
        services.AddScoped<DepartureRules>();
        services.AddScoped<TrainingReminderJob>();
        services.AddScoped<TrainingPlanning>();
        return services;
    }
}
