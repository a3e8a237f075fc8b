using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Caravan.Core.Identity;

/// <summary>Sends a text message. Production nodes plug in their national SMS gateway.</summary>
public interface ISmsSender
{
    Task SendAsync(string phoneE164, string text, CancellationToken cancellationToken = default);
}

/// <summary>
/// Development sender: keeps the last messages in memory for the dev-only page and logs them with the phone
/// number masked, so no real SMS provider is needed and no phone number reaches the log.
/// </summary>
public sealed partial class DevelopmentSmsSender(ILogger<DevelopmentSmsSender> logger, TimeProvider time) : ISmsSender
{
    private const int Keep = 50;
    private readonly ConcurrentQueue<SentSms> sent = new();

    public IReadOnlyList<SentSms> Sent => sent.Reverse().ToList();

    public Task SendAsync(string phoneE164, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        sent.Enqueue(new SentSms(phoneE164, text, time.GetUtcNow().UtcDateTime));
        while (sent.Count > Keep && sent.TryDequeue(out _))
        {
        }

        LogSent(logger, PhoneNumbers.Mask(phoneE164), text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development SMS to {MaskedPhone}: {Text}")]
    private static partial void LogSent(ILogger logger, string maskedPhone, string text);
}

public sealed record SentSms(string Phone, string Text, DateTime SentAt);

/// <summary>
/// A Production node until its national SMS gateway is configured: sending fails loudly instead of dropping or
/// logging the message, since a one-time code must reach only the phone.
/// </summary>
public sealed class NoSmsGateway : ISmsSender
{
    public Task SendAsync(string phoneE164, string text, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("No SMS gateway is configured for this node, so no text message can be sent. Production nodes need their national gateway (docs/operations.md).");
}

public static class PhoneNumbers
{
    /// <summary>E.164: a plus sign and 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164(string? phone) =>
        phone is { Length: >= 9 and <= 16 } && phone[0] == '+' && phone[1] != '0' && phone.Skip(1).All(char.IsAsciiDigit);

    /// <summary>Strips spaces, dashes and brackets that people type; does not guess a country code.</summary>
    public static string Normalize(string? phone) =>
        new((phone ?? string.Empty).Where(c => c == '+' || char.IsAsciiDigit(c)).ToArray());

    public static string Mask(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.Length <= 6 ? "***" : string.Concat(phone.AsSpan(0, 4), new string('*', phone.Length - 6), phone.AsSpan(phone.Length - 2));
    }
}
