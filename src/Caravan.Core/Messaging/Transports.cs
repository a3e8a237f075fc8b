namespace Caravan.Core.Messaging;

/// <summary>Hands one text message to a gateway. Throws <see cref="DeliveryException"/> when it cannot.</summary>
public interface ISmsTransport
{
    /// <summary>Returns the gateway's id for the message, when it gives one.</summary>
    Task<string?> SendAsync(string phoneE164, string text, CancellationToken cancellationToken);
}

/// <summary>Hands one e-mail to a mail server. Throws <see cref="DeliveryException"/> when it cannot.</summary>
public interface IEmailTransport
{
    Task<string?> SendAsync(string address, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>
/// A gateway or server that did not take a message. Permanent failures (a refused recipient, bad credentials) are
/// parked at once; the others are retried with back-off. The message never includes the recipient or the text.
/// </summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException()
    {
    }

    public DeliveryException(string message) : base(message)
    {
    }

    public DeliveryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DeliveryException(string message, bool permanent, Exception? innerException = null) : base(message, innerException)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}

/// <summary>The transport of a channel the node has not configured: every message is parked with the reason.</summary>
public sealed class UnconfiguredTransport : ISmsTransport, IEmailTransport
{
    public Task<string?> SendAsync(string phoneE164, string text, CancellationToken cancellationToken) =>
        throw new DeliveryException("No SMS gateway is configured (Messaging:Sms:Provider); see docs/operations.md.", permanent: true);

    Task<string?> IEmailTransport.SendAsync(string address, string subject, string body, CancellationToken cancellationToken) =>
        throw new DeliveryException("No mail server is configured (Messaging:Email:Provider); see docs/operations.md.", permanent: true);
}
