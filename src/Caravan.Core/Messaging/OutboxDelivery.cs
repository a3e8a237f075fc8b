using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Messaging;

/// <summary>
/// Sends one outbox message. A message is first claimed with a conditional update, so that of several replicas (or a
/// request and the job) exactly one sends it; a claim lapses after <see cref="ClaimTime"/> if its process dies.
/// Messages to partner nodes share the outbox but not this path: they go in signed batches (Exchange.NodeDelivery).
/// </summary>
public sealed partial class OutboxDelivery(
    CaravanDbContext db,
    SensitiveData sensitive,
    ISmsTransport sms,
    IEmailTransport email,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDelivery> logger)
{
    public static readonly TimeSpan ClaimTime = TimeSpan.FromMinutes(5);

    /// <summary>Claims and sends the message if it is due. Returns its status afterwards, or null if another process holds it.</summary>
    public async Task<MessageStatus?> TryDeliverAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + ClaimTime;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Channel != MessageChannel.Node && ((m.Status == MessageStatus.Pending && m.NextAttemptAt <= now)
                || (m.Status == MessageStatus.Sending && m.ClaimedUntil < now)))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MessageStatus.Sending).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var message = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == id, cancellationToken);
        await db.Entry(message).ReloadAsync(cancellationToken);
        try
        {
            var recipient = sensitive.Unprotect(message.RecipientCipher);
            var body = sensitive.Unprotect(message.BodyCipher);
            var providerId = message.Channel switch
            {
                MessageChannel.Sms => await sms.SendAsync(recipient, body, cancellationToken),
                MessageChannel.Email => await email.SendAsync(recipient, message.SubjectCipher is { } s ? sensitive.Unprotect(s) : string.Empty, body, cancellationToken),
                MessageChannel.Node or _ => throw new DeliveryException($"Unknown channel {message.Channel}.", permanent: true),
            };
            message.ProviderId = providerId is { Length: > 100 } ? providerId[..100] : providerId;
            message.Status = MessageStatus.Sent;
            message.SentAt = time.GetUtcNow().UtcDateTime;
            message.LastError = null;
        }
        catch (DeliveryException e)
        {
            Failed(message, e.Message, e.Permanent);
        }
        catch (HttpRequestException e)
        {
            Failed(message, "The gateway could not be reached: " + e.Message, permanent: false);
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            Failed(message, "The gateway did not answer in time.", permanent: false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(message, "The gateway did not answer in time.", permanent: false);
        }

        message.Attempts++;
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        return message.Status;
    }

    /// <summary>Delivers every due message, oldest first, in batches. Returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(int batch = 200, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Channel != MessageChannel.Node && ((m.Status == MessageStatus.Pending && m.NextAttemptAt <= now) || (m.Status == MessageStatus.Sending && m.ClaimedUntil < now)))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            if (await TryDeliverAsync(id, cancellationToken) == MessageStatus.Sent)
            {
                sent++;
            }
        }

        return sent;
    }

    private void Failed(OutboxMessage message, string error, bool permanent)
    {
        var settings = options.Value;
        message.LastError = error.Length > 500 ? error[..500] : error;
        if (permanent || message.Attempts + 1 >= settings.MaxAttempts)
        {
            message.Status = MessageStatus.Parked;
            LogParked(logger, message.Id, message.Channel, message.Attempts + 1, message.LastError);
            return;
        }

        message.Status = MessageStatus.Pending;
        message.NextAttemptAt = time.GetUtcNow().UtcDateTime + Backoff(settings, message.Attempts + 1);
        LogRetry(logger, message.Id, message.Channel, message.Attempts + 1, message.LastError);
    }

    /// <summary>The wait after the n-th failure: the first back-off, doubled each time, capped.</summary>
    public static TimeSpan Backoff(MessagingOptions options, int failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(options.FirstBackoff.Ticks * factor, options.MaxBackoff.Ticks));
        return wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) failed, attempt {Attempt}; will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid id, MessageChannel channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Channel}) parked after attempt {Attempt}: {Error}")]
    private static partial void LogParked(ILogger logger, Guid id, MessageChannel channel, int attempt, string error);
}
