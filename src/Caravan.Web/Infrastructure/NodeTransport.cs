using System.Net;
using Polly;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Delivers signed batches to a partner's inbox over HTTPS. One quick retry covers a dropped connection; anything
/// longer is the outbox's back-off, so a partner that is down never holds a request or a user.
/// </summary>
public sealed class NodeTransport(HttpClient client) : INodeTransport
{
    public const string ClientName = "partner-nodes";
    public const string InboxPath = "api/v1/exchange/inbox";
    public const string VerifyPath = "api/v1/exchange/verify";

    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient<INodeTransport, NodeTransport>(ClientName)
            .AddResilienceHandler(ClientName, (builder, context) =>
            {
                var timeout = context.ServiceProvider.GetRequiredService<IOptions<ExchangeOptions>>().Value.RequestTimeout;
                builder.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(200) });
                builder.AddTimeout(timeout);
            });
        services.AddHostedService<NodeDeliveryWorker>();
    }

    public Task<IReadOnlyList<DeliveryAnswer>> SendAsync(Uri partnerBaseUrl, IReadOnlyList<string> tokens, CancellationToken cancellationToken) =>
        SendWithAsync(client, partnerBaseUrl, tokens, cancellationToken);

    public Task<VerificationReply> AskAsync(Uri partnerBaseUrl, string token, CancellationToken cancellationToken) =>
        AskWithAsync(client, partnerBaseUrl, token, cancellationToken);

    public Task<string?> RevocationsAsync(Uri partnerBaseUrl, CancellationToken cancellationToken) =>
        RevocationsWithAsync(client, partnerBaseUrl, cancellationToken);

    /// <summary>A partner's published revocation list, over any client.</summary>
    public static async Task<string?> RevocationsWithAsync(HttpClient client, Uri partnerBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(partnerBaseUrl);
        var url = new Uri(new Uri(partnerBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), RevocationList.Path.TrimStart('/'));
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryException($"The partner answered {(int)response.StatusCode} {response.ReasonPhrase}.", permanent: false);
            }

            return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException("The partner could not be reached: " + e.Message, permanent: false, e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }
    }

    /// <summary>One question, one answer, over any client.</summary>
    public static async Task<VerificationReply> AskWithAsync(HttpClient client, Uri partnerBaseUrl, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(partnerBaseUrl);
        var url = new Uri(new Uri(partnerBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), VerifyPath);
        try
        {
            using var response = await client.PostAsJsonAsync(url, new VerificationCall(token), Envelope.Json, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryException($"The partner answered {(int)response.StatusCode} {response.ReasonPhrase}.", permanent: false);
            }

            return await response.Content.ReadFromJsonAsync<VerificationReply>(Envelope.Json, cancellationToken)
                ?? throw new DeliveryException("The partner's answer was empty.", permanent: false);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException("The partner could not be reached: " + e.Message, permanent: false, e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DeliveryException("The partner's answer was not a verification reply.", permanent: false, e);
        }
    }

    /// <summary>The delivery itself, over any client: tests pass the client of the partner's in-process server.</summary>
    public static async Task<IReadOnlyList<DeliveryAnswer>> SendWithAsync(HttpClient client, Uri partnerBaseUrl, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(partnerBaseUrl);
        var url = new Uri(new Uri(partnerBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), InboxPath);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(url, new DeliveryRequest(tokens), Envelope.Json, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException("The partner could not be reached: " + e.Message, permanent: false, e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException("The partner did not answer in time.", permanent: false, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // A partner that refuses the whole request (too large, malformed) will refuse it again: parked, with
                // the status, for an administrator. Server errors and throttling are tried again later.
                var permanent = (int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not HttpStatusCode.TooManyRequests and not HttpStatusCode.RequestTimeout;
                throw new DeliveryException($"The partner answered {(int)response.StatusCode} {response.ReasonPhrase}.", permanent);
            }

            try
            {
                var answer = await response.Content.ReadFromJsonAsync<DeliveryResponse>(Envelope.Json, cancellationToken);
                return answer?.Results ?? throw new DeliveryException("The partner's answer was empty.", permanent: false);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new DeliveryException("The partner's answer was not a delivery result.", permanent: false, e);
            }
        }
    }
}

/// <summary>Sends partner messages as soon as they are queued, in the background, so the request that queued them returns at once.</summary>
public sealed partial class NodeDeliveryWorker(OutboxSignal signal, IServiceScopeFactory scopes, IOptions<ExchangeOptions> options, ILogger<NodeDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // At start (what a stopped or killed process left), when told, and every poll interval (back-offs ended,
            // claims lapsed): delivery to partners does not wait for the job scheduler.
            while (!stoppingToken.IsCancellationRequested)
            {
                signal.TryTake();
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<NodeDelivery>().DeliverDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The scheduled outbox run picks up whatever this run left; the worker must outlive one bad run.
                    LogFailed(logger, e);
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(options.Value.PollInterval);
                try
                {
                    await signal.WaitAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The poll interval passed without a signal: look anyway.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background delivery to partner nodes failed; the scheduled run will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
