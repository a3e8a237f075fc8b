using System.Text.Json;
using Caravan.Core.Exchange;
using Caravan.Core.Reference;

namespace Caravan.Web.Infrastructure;

/// <summary>A partner node of the demo region, as demo-region passes it to each node.</summary>
public sealed class DemoRegionPartner
{
    public string Country { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public Uri? Url { get; set; }
}

/// <summary>
/// In a demo region, puts each partner on this node's trust list once the partner is up: its key from its published
/// JWKS, the demo agreement from 2024, and every message type both ways. What an administrator does by hand on
/// /admin/partners between real countries; refused outside Development (StartupRules).
/// </summary>
public sealed partial class DemoRegionLinker(IServiceScopeFactory scopes, IConfiguration config, IHttpClientFactory clients, ILogger<DemoRegionLinker> logger) : BackgroundService
{
    public const string Section = "DemoRegion:Partners";
    public const string Agreement = "Agreement between the Republic of Uzbekistan and the Republic of Kazakhstan on the employment and protection of the rights of migrant workers (demo)";

    private static readonly MessageType[] Flows =
        [MessageType.EmploymentRegistered, MessageType.VerificationRequest, MessageType.VerificationAnswer, MessageType.CaseReferral, MessageType.CaseStatus];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = config.GetSection(Section).Get<List<DemoRegionPartner>>()?.Where(p => p.Url is not null).ToList() ?? [];
        using var http = clients.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var partner in pending.ToList())
            {
                try
                {
                    if (await LinkAsync(http, partner, stoppingToken))
                    {
                        pending.Remove(partner);
                        LogLinked(logger, partner.Country, partner.Url!);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Not up yet: the nodes of a region start in any order.
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> LinkAsync(HttpClient http, DemoRegionPartner partner, CancellationToken cancellationToken)
    {
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(partner.Url!, Caravan.Web.Api.SigningEndpoints.JwksPath), cancellationToken));
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetRawText()).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var trust = scope.ServiceProvider.GetRequiredService<TrustListCommands>();
        var existing = (await scope.ServiceProvider.GetRequiredService<TrustListQueries>().PartnersAsync(cancellationToken))
            .FirstOrDefault(p => Envelope.Address(p.BaseUrl) == Envelope.Address(partner.Url!));
        var id = existing?.Id;
        if (id is null)
        {
            var countries = (await scope.ServiceProvider.GetRequiredService<Catalogue>().CountriesAsync(cancellationToken)).Select(c => c.Alpha2).ToHashSet();
            var saved = await trust.SavePartnerAsync(null, null, new PartnerInput(partner.Country, partner.Name, partner.Url!.AbsoluteUri, false, Agreement, new DateOnly(2024, 1, 1), null), countries, cancellationToken);
            id = saved.Id ?? throw new InvalidOperationException("The demo partner was refused: " + string.Join(", ", saved.Errors.Select(e => e.Error)));
            await trust.SetFlowsAsync(id.Value, [.. Flows.SelectMany(t => new[] { (FlowDirection.Receive, t, MessagePurposes.Of(t)), (FlowDirection.Send, t, MessagePurposes.Of(t)) })], cancellationToken);
        }

        foreach (var key in keys)
        {
            // A key already on the list is refused as a duplicate, which is what a second run wants.
            await trust.AddKeyAsync(id.Value, key, cancellationToken);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo region: {Country} at {Url} is on the trust list")]
    private static partial void LogLinked(ILogger logger, string country, Uri url);
}
