using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Messaging;

/// <summary>
/// Any HTTP SMS gateway a country already uses, described in configuration: URL, method, one credential header and a
/// body template. The HttpClient behind it retries transient failures (Microsoft.Extensions.Http.Resilience).
/// </summary>
public sealed class HttpSmsTransport(HttpClient http, IOptions<MessagingOptions> options) : ISmsTransport
{
    public const string ClientName = "sms-http";

    public async Task<string?> SendAsync(string phoneE164, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        var sms = options.Value.Sms;
        var url = sms.Url ?? throw new DeliveryException("Messaging:Sms:Url is not set.", permanent: true);
        using var request = BuildRequest(sms, url, phoneE164, text);
        using var response = await http.SendAsync(request, cancellationToken);
        await GatewayAnswers.ThrowIfFailedAsync(response, cancellationToken);
        return null;
    }

    public static HttpRequestMessage BuildRequest(SmsOptions sms, Uri url, string phoneE164, string text)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(phoneE164);
        HttpRequestMessage request;
        if (string.Equals(sms.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            var query = Fill(sms.BodyTemplate, phoneE164, text, sms.From, Uri.EscapeDataString);
            var builder = new UriBuilder(url) { Query = string.IsNullOrEmpty(url.Query) ? query : url.Query.TrimStart('?') + "&" + query };
            request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        }
        else
        {
            Func<string, string> escape = sms.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? v => JsonEncodedText.Encode(v, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()
                : Uri.EscapeDataString;
            request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(Fill(sms.BodyTemplate, phoneE164, text, sms.From, escape), Encoding.UTF8, sms.ContentType),
            };
        }

        if (!string.IsNullOrWhiteSpace(sms.AuthHeader))
        {
            request.Headers.TryAddWithoutValidation(sms.AuthHeader, sms.AuthValue);
        }

        return request;
    }

    private static string Fill(string template, string phone, string text, string? from, Func<string, string> escape) =>
        template.Replace("{to_digits}", escape(phone.TrimStart('+')), StringComparison.Ordinal)
            .Replace("{to}", escape(phone), StringComparison.Ordinal)
            .Replace("{from}", escape(from ?? string.Empty), StringComparison.Ordinal)
            .Replace("{text}", escape(text), StringComparison.Ordinal);
}

/// <summary>How an HTTP gateway's answer maps to the outbox: 4xx is the request's fault and permanent, except 408 and 429.</summary>
public static class GatewayAnswers
{
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
        // The gateway's own words help the administrator; they are cut short, and the request (number, text) is never echoed.
        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        detail = detail.Length > 200 ? detail[..200] : detail;
        throw new DeliveryException($"The SMS gateway answered {status} {response.ReasonPhrase}: {detail}", permanent);
    }
}
