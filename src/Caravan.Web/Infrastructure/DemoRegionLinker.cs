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

    public bool IsHub { get; set; }
}

/// <summary>
/// In a demo region, puts each partner on this node's trust list once the partner is up: its key from its published
/// JWKS, the demo agreement from 2024, and the flows its kind allows: between countries every type both ways but
/// aggregates; between a country and the hub, aggregates to the hub and action plans both ways. A country publishes its
/// tables as soon as the hub is linked. What an administrator does by hand on /admin/partners between real countries;
/// refused outside Development (StartupRules).
/// </summary>
public sealed partial class DemoRegionLinker(IServiceScopeFactory scopes, IConfiguration config, IHttpClientFactory clients, Microsoft.Extensions.Options.IOptions<Caravan.Core.Node.NodeOptions> node, ILogger<DemoRegionLinker> logger) : BackgroundService
{
    public const string Section = "DemoRegion:Partners";
    public const string Agreement = "Agreement between the Republic of Uzbekistan and the Republic of Kazakhstan on the employment and protection of the rights of migrant workers (demo)";

    private static readonly MessageType[] Flows =
        [MessageType.EmploymentRegistered, MessageType.VerificationRequest, MessageType.VerificationAnswer, MessageType.CaseReferral, MessageType.CaseStatus, MessageType.ActionPlanUpdate];

    /// <summary>The flows with one partner, seen from this node.</summary>
    private static List<(FlowDirection, MessageType, ExchangePurpose)> FlowsWith(bool iAmHub, bool partnerIsHub)
    {
        static (FlowDirection, MessageType, ExchangePurpose) Flow(FlowDirection d, MessageType t) => (d, t, MessagePurposes.Of(t));
        if (iAmHub || partnerIsHub)
        {
            return [Flow(FlowDirection.Send, MessageType.ActionPlanUpdate), Flow(FlowDirection.Receive, MessageType.ActionPlanUpdate),
                Flow(iAmHub ? FlowDirection.Receive : FlowDirection.Send, MessageType.AggregatePublication)];
        }

        return [.. Flows.SelectMany(t => new[] { Flow(FlowDirection.Receive, t), Flow(FlowDirection.Send, t) })];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.GetValue(DemoRegionFacts.Setting, false) && !node.Value.IsHub)
        {
            await using var seeding = scopes.CreateAsyncScope();
            await DemoRegionFacts.SeedAsync(seeding.ServiceProvider, node.Value.Country, stoppingToken);
        }

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
                        LogLinked(logger, partner.IsHub ? "the regional hub" : partner.Country, partner.Url!);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Not up yet: the nodes of a region start in any order.
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Anything else (a busy database on a loaded machine) is tried again on the next round rather than
                    // left to stop the node, which is what an unhandled exception in a background service does. A
                    // second round finds the partner saved and its keys known, and queues only what is missing.
                    LogRetry(logger, partner.IsHub ? "the regional hub" : partner.Country, e);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await SendPlanValuesAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The plan values go at the next fold anyway; not worth stopping the node for.
            LogRetry(logger, "the plan values", e);
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
            var saved = await trust.SavePartnerAsync(null, null, new PartnerInput(partner.Country, partner.Name, partner.Url!.AbsoluteUri, partner.IsHub, Agreement, new DateOnly(2024, 1, 1), null), countries, cancellationToken);
            id = saved.Id ?? throw new InvalidOperationException("The demo partner was refused: " + string.Join(", ", saved.Errors.Select(e => e.Error)));
            await trust.SetFlowsAsync(id.Value, FlowsWith(node.Value.IsHub, partner.IsHub), cancellationToken);
        }

        foreach (var key in keys)
        {
            // A key already on the list is refused as a duplicate, which is what a second run wants.
            await trust.AddKeyAsync(id.Value, key, cancellationToken);
        }

        if (partner.IsHub)
        {
            // The hub may not have this node on its own list yet: deliveries it refuses are retried with back-off.
            await scope.ServiceProvider.GetRequiredService<Caravan.Core.Region.AggregatePublisher>().PublishAsync(cancellationToken);
        }
        else if (node.Value.IsHub)
        {
            // The hub sends each new party the plans it shares, whole.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var sharing = scope.ServiceProvider.GetRequiredService<Caravan.Core.Coordination.PlanSharing>();
            var linked = await scope.ServiceProvider.GetRequiredService<TrustListQueries>().PartnerAsync(id.Value, cancellationToken);
            foreach (var summary in await scope.ServiceProvider.GetRequiredService<Caravan.Core.Coordination.PlanQueries>().ListAsync(cancellationToken))
            {
                var plan = await scope.ServiceProvider.GetRequiredService<Caravan.Core.Coordination.PlanQueries>().FindAsync(summary.Code, cancellationToken);
                if (plan is not null && linked is not null && plan.PartyList.Contains(partner.Country))
                {
                    await sharing.ShareAsync(plan, linked, today, cancellationToken);
                }
            }

            await scope.ServiceProvider.GetRequiredService<Caravan.Core.Data.CaravanDbContext>().SaveChangesAsync(cancellationToken);
            sharing.Send();
        }

        return true;
    }

    /// <summary>
    /// A country's node sends its linked plan values once the hub's plan has arrived, rather than at the next fold.
    /// </summary>
    private async Task SendPlanValuesAsync(CancellationToken cancellationToken)
    {
        if (node.Value.IsHub)
        {
            return;
        }

        for (var i = 0; i < 60 && !cancellationToken.IsCancellationRequested; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<Caravan.Core.Coordination.PlanQueries>().ListAsync(cancellationToken)).Count > 0)
            {
                await scope.ServiceProvider.GetRequiredService<Caravan.Core.Coordination.PlanValuePublisher>().PublishAsync(cancellationToken);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo region: linking {Partner} failed; trying again")]
    private static partial void LogRetry(ILogger logger, string partner, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo region: {Partner} at {Url} is on the trust list")]
    private static partial void LogLinked(ILogger logger, string partner, Uri url);
}
