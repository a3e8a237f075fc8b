using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Caravan.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The node's outbox and its channels, chosen by configuration. The development sink is registered only when the
    /// host is Development; start-up refuses a Development provider anywhere else (StartupRules).
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<MessagingOptions>().Bind(config.GetSection(MessagingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var settings = config.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var development = environment.IsDevelopment();
        var smsProvider = config.GetSection(MessagingOptions.Section + ":Sms:Provider").Exists() ? settings.Sms.Provider
            : development ? SmsProvider.Development : SmsProvider.None;
        var emailProvider = config.GetSection(MessagingOptions.Section + ":Email:Provider").Exists() ? settings.Email.Provider
            : development ? EmailProvider.Development : EmailProvider.None;

        services.AddScoped<Outbox>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<OutboxJob>();
        services.AddScoped<OutboxAdmin>();
        services.TryAddSingleton<OutboxSignal>();
        services.AddScoped<MigrantNotices>();
        services.AddSingleton<UnconfiguredTransport>();
        if (development)
        {
            services.AddSingleton<DevelopmentMessages>();
        }

        switch (smsProvider)
        {
            case SmsProvider.Http:
                services.AddHttpClient<ISmsTransport, HttpSmsTransport>(HttpSmsTransport.ClientName)
                    .AddResilienceHandler(HttpSmsTransport.ClientName, (b, c) => Quick(b, c.ServiceProvider, s => s.Sms.Timeout));
                break;
            case SmsProvider.Eskiz:
                services.AddSingleton<EskizToken>();
                services.AddHttpClient<ISmsTransport, EskizSmsTransport>(EskizSmsTransport.ClientName)
                    .AddResilienceHandler(EskizSmsTransport.ClientName, (b, c) => Quick(b, c.ServiceProvider, s => s.Sms.Timeout));
                break;
            case SmsProvider.Development when development:
                services.AddSingleton<ISmsTransport>(sp => sp.GetRequiredService<DevelopmentMessages>());
                break;
            default:
                services.AddSingleton<ISmsTransport>(sp => sp.GetRequiredService<UnconfiguredTransport>());
                break;
        }

        switch (emailProvider)
        {
            case EmailProvider.Smtp:
                services.AddScoped<IEmailTransport, SmtpEmailTransport>();
                break;
            case EmailProvider.Development when development:
                services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<DevelopmentMessages>());
                break;
            default:
                services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<UnconfiguredTransport>());
                break;
        }

        return services;
    }

    /// <summary>A few quick retries of a transient failure (5xx, 408, 429, a dropped connection) inside one attempt.</summary>
    private static void Quick(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services, Func<MessagingOptions, TimeSpan> timeout)
    {
        var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        if (options.QuickRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.QuickRetries,
                Delay = options.QuickRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        builder.AddTimeout(timeout(options));
    }
}
