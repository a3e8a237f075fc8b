using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Messaging;

/// <summary>
/// Eskiz (notify.eskiz.uz), written from its public API documentation: POST /api/auth/login with the account's e-mail
/// and password gives a bearer token valid for about a month; POST /api/message/sms/send takes mobile_phone (digits,
/// no plus), message and from, and answers with the message's id. A 401 means the token lapsed: log in once more.
/// </summary>
public sealed class EskizSmsTransport(HttpClient http, EskizToken token, IOptions<MessagingOptions> options) : ISmsTransport
{
    public const string ClientName = "sms-eskiz";
    public static readonly Uri DefaultBase = new("https://notify.eskiz.uz/");

    public async Task<string?> SendAsync(string phoneE164, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        var sms = options.Value.Sms;
        var root = sms.Url ?? DefaultBase;
        var bearer = await token.GetAsync(() => LoginAsync(root, sms, cancellationToken));
        using var response = await SendOnceAsync(root, sms, bearer, phoneE164, text, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            token.Forget(bearer);
            bearer = await token.GetAsync(() => LoginAsync(root, sms, cancellationToken));
            using var again = await SendOnceAsync(root, sms, bearer, phoneE164, text, cancellationToken);
            return await ReadIdAsync(again, cancellationToken);
        }

        return await ReadIdAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Uri root, SmsOptions sms, string bearer, string phone, string text, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(phone.TrimStart('+')), "mobile_phone" },
            { new StringContent(text), "message" },
            { new StringContent(sms.From ?? "4546"), "from" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "api/message/sms/send")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await GatewayAnswers.ThrowIfFailedAsync(response, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<SendAnswer>(cancellationToken);
        return answer?.Id is { ValueKind: not System.Text.Json.JsonValueKind.Null } id ? id.ToString() : null;
    }

    private async Task<string> LoginAsync(Uri root, SmsOptions sms, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sms.Account) || string.IsNullOrEmpty(sms.Password))
        {
            throw new DeliveryException("Eskiz needs Messaging:Sms:Account and Messaging:Sms:Password.", permanent: true);
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(sms.Account), "email" },
            { new StringContent(sms.Password), "password" },
        };
        using var response = await http.PostAsync(new Uri(root, "api/auth/login"), form, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new DeliveryException("Eskiz refused the node's account (Messaging:Sms:Account).", permanent: true);
        }

        await GatewayAnswers.ThrowIfFailedAsync(response, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<LoginAnswer>(cancellationToken);
        return answer?.Data?.Token ?? throw new DeliveryException("Eskiz answered the login without a token.", permanent: false);
    }

    // Eskiz has answered the id both as a string and as a number.
    private sealed record SendAnswer([property: JsonPropertyName("id")] System.Text.Json.JsonElement? Id);

    private sealed record LoginAnswer([property: JsonPropertyName("data")] LoginData? Data);

    private sealed record LoginData([property: JsonPropertyName("token")] string? Token);
}

/// <summary>The process's Eskiz token, shared by every send until the gateway says it lapsed.</summary>
public sealed class EskizToken : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? current;

    public async Task<string> GetAsync(Func<Task<string>> login)
    {
        ArgumentNullException.ThrowIfNull(login);
        if (current is { } known)
        {
            return known;
        }

        await gate.WaitAsync();
        try
        {
            return current ??= await login();
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    public void Forget(string token) => Interlocked.CompareExchange(ref current, null, token);
}
