using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Messaging;

public enum SmsProvider
{
    /// <summary>No gateway: SMS wait in the outbox, parked, until one is configured.</summary>
    None = 0,

    /// <summary>Development only: kept in memory and shown at /dev/codes.</summary>
    Development = 1,

    /// <summary>Any HTTP gateway, described by URL, authentication and a body template.</summary>
    Http = 2,

    /// <summary>Eskiz (notify.eskiz.uz), widely used in Uzbekistan.</summary>
    Eskiz = 3,
}

public enum EmailProvider
{
    None = 0,
    Development = 1,
    Smtp = 2,
}

/// <summary>How the node reaches people: configuration section Messaging (docs/operations.md).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Attempts before a message is parked for an administrator.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; each later one doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Retries inside one attempt, for a blip of the network or a 503, before the outbox backs off.</summary>
    [Range(0, 5)]
    public int QuickRetries { get; set; } = 2;

    public TimeSpan QuickRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public SmsOptions Sms { get; set; } = new();

    public EmailOptions Email { get; set; } = new();
}

public sealed class SmsOptions
{
    public SmsProvider Provider { get; set; }

    /// <summary>Http: where to send. Eskiz: the API base (default https://notify.eskiz.uz).</summary>
    public Uri? Url { get; set; }

    /// <summary>Http: POST or GET.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Http: a header carrying the credential, e.g. Authorization.</summary>
    public string? AuthHeader { get; set; }

    /// <summary>Http: the header's value, e.g. "Bearer ..." or an API key. Keep it in a secret store, not a file.</summary>
    public string? AuthValue { get; set; }

    /// <summary>
    /// Http: the body with placeholders {to} (E.164 with +), {to_digits}, {text} and {from}, each escaped for
    /// <see cref="ContentType"/>. GET requests put the template in the query string instead.
    /// </summary>
    public string BodyTemplate { get; set; } = """{"to":"{to}","text":"{text}","from":"{from}"}""";

    public string ContentType { get; set; } = "application/json";

    /// <summary>The sender name or short number the gateway shows.</summary>
    public string? From { get; set; }

    /// <summary>Eskiz: the account's e-mail.</summary>
    public string? Account { get; set; }

    /// <summary>Eskiz: the account's API password.</summary>
    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class EmailOptions
{
    public EmailProvider Provider { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>StartTls (default), Tls (implicit, port 465) or None (a relay on the same host or a test server).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "caravan@localhost";

    public string FromName { get; set; } = "Caravan";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
