using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Caravan.Core.Messaging;

/// <summary>E-mail over SMTP with MailKit. A refusal (5xx) is permanent; a dropped connection or a 4xx is retried.</summary>
public sealed class SmtpEmailTransport(IOptions<MessagingOptions> options) : IEmailTransport
{
    public async Task<string?> SendAsync(string address, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var email = settings.Email;
        var host = email.Host ?? throw new DeliveryException("Messaging:Email:Host is not set.", permanent: true);
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(email.FromName, email.From));
        if (!MailboxAddress.TryParse(address, out var to))
        {
            throw new DeliveryException("The recipient is not a valid e-mail address.", permanent: true);
        }

        message.To.Add(to);
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, settings.QuickRetries),
                Delay = settings.QuickRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<SocketException>().Handle<IOException>()
                    .Handle<ServiceNotConnectedException>()
                    .Handle<SmtpCommandException>(e => (int)e.StatusCode is >= 400 and < 500),
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient { Timeout = (int)email.Timeout.TotalMilliseconds };
                var security = email.Security.ToUpperInvariant() switch
                {
                    "NONE" => SecureSocketOptions.None,
                    "TLS" => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.StartTls,
                };
                await client.ConnectAsync(host, email.Port, security, token);
                if (!string.IsNullOrEmpty(email.UserName))
                {
                    await client.AuthenticateAsync(email.UserName, email.Password ?? string.Empty, token);
                }

                var answer = await client.SendAsync(message, token);
                await client.DisconnectAsync(quit: true, token);
                return (string?)answer;
            }, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            throw new DeliveryException($"The mail server refused the message: {(int)e.StatusCode} {e.ErrorCode}.", permanent: (int)e.StatusCode >= 500, e);
        }
        catch (AuthenticationException e)
        {
            throw new DeliveryException("The mail server refused the node's credentials (Messaging:Email:UserName).", permanent: true, e);
        }
        catch (Exception e) when (e is SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException)
        {
            throw new DeliveryException("The mail server could not be reached: " + e.Message, permanent: false, e);
        }
    }
}
