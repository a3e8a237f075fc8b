using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Caravan.Core.Signing;

public static class SigningServiceCollectionExtensions
{
    /// <summary>The node's ES256 signing key, its rotation and the signer that training, cards and exchange share.</summary>
    public static IServiceCollection AddSigning(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SigningOptions>().Bind(config.GetSection(SigningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ActiveKeyCache>();
        services.AddScoped<NodeKeyRing>();
        services.AddScoped<NodeSigner>();
        return services;
    }
}
