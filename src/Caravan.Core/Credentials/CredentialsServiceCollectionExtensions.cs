using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Credentials;

public static class CredentialsServiceCollectionExtensions
{
    /// <summary>Signed statements about people (departure cards, training certificates), their verification and revocation.</summary>
    public static IServiceCollection AddCredentials(this IServiceCollection services)
    {
        services.AddScoped<DepartureCards>();
        services.AddScoped<CredentialVerifier>();
        services.AddScoped<CredentialCommands>();
        return services;
    }
}
