using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Caravan.Core.Exchange;

public static class ExchangeServiceCollectionExtensions
{
    /// <summary>
    /// Exchange between nodes: the trust list and the check every message passes, the outbox side (queueing and
    /// batched, signed delivery) and the inbox side (checks, refusals, exactly-once processing) with a handler per
    /// message type. The web host supplies the <see cref="INodeTransport"/>.
    /// </summary>
    public static IServiceCollection AddExchange(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ExchangeOptions>().Bind(config.GetSection(ExchangeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OutboxSignal>();
        services.AddScoped<TrustListCommands>();
        services.AddScoped<TrustListQueries>();
        services.TryAddSingleton<TrustListCache>();
        services.AddScoped<TrustCheck>();
        services.AddScoped<ExchangeOutbox>();
        services.AddScoped<NodeDelivery>();
        services.AddScoped<ExchangeInbox>();
        services.AddScoped<EmploymentReports>();
        services.AddScoped<MatchingKeys>();
        services.AddScoped<PassportIndex>();
        services.AddScoped<ExchangeLog>();
        services.AddScoped<VerificationAnswers>();
        services.AddScoped<VerificationExchange>();
        services.AddScoped<PartnerStatements>();
        services.AddScoped<RevocationList>();
        services.AddScoped<RevocationRefresh>();
        services.AddScoped<IExchangeHandler, EmploymentRegisteredHandler>();
        services.AddScoped<Cases.CaseReferrals>();
        services.AddScoped<Cases.ReferredCases>();
        services.AddScoped<IExchangeHandler, Cases.CaseReferralHandler>();
        services.AddScoped<IExchangeHandler, Cases.CaseStatusHandler>();
        return services;
    }
}
