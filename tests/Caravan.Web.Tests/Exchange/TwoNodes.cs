using System.Collections.Concurrent;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Reference;
using Caravan.Core.Signing;
using Caravan.Web.Infrastructure;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Carries deliveries between in-process nodes by address, as the network would; a node marked down answers nothing,
/// as a partner that is offline.
/// </summary>
public sealed class PartnerNetwork : INodeTransport
{
    private readonly ConcurrentDictionary<string, Func<HttpClient>> nodes = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Down { get; } = new(StringComparer.Ordinal);

    /// <summary>A revocation list someone else serves in a node's place, as an attacker on the path would.</summary>
    public ConcurrentDictionary<string, string> ForgedRevocations { get; } = new(StringComparer.Ordinal);

    public void Add(Uri address, Func<HttpClient> client) => nodes[Envelope.Address(address)] = client;

    public Task<IReadOnlyList<DeliveryAnswer>> SendAsync(Uri partnerBaseUrl, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        var address = Envelope.Address(partnerBaseUrl);
        if (!nodes.TryGetValue(address, out var client) || Down.ContainsKey(address))
        {
            throw new DeliveryException("The partner could not be reached: connection refused.", permanent: false);
        }

        return NodeTransport.SendWithAsync(client(), partnerBaseUrl, tokens, cancellationToken);
    }

    public Task<VerificationReply> AskAsync(Uri partnerBaseUrl, string token, CancellationToken cancellationToken)
    {
        var address = Envelope.Address(partnerBaseUrl);
        if (!nodes.TryGetValue(address, out var client) || Down.ContainsKey(address))
        {
            throw new DeliveryException("The partner could not be reached: connection refused.", permanent: false);
        }

        return NodeTransport.AskWithAsync(client(), partnerBaseUrl, token, cancellationToken);
    }

    public Task<string?> RevocationsAsync(Uri partnerBaseUrl, CancellationToken cancellationToken)
    {
        var address = Envelope.Address(partnerBaseUrl);
        if (!nodes.TryGetValue(address, out var client) || Down.ContainsKey(address))
        {
            throw new DeliveryException("The partner could not be reached: connection refused.", permanent: false);
        }

        return ForgedRevocations.TryGetValue(address, out var forged) ? Task.FromResult<string?>(forged) : NodeTransport.RevocationsWithAsync(client(), partnerBaseUrl, cancellationToken);
    }
}

/// <summary>An Uzbek node and a Kazakh node on one engine, each on the other's trust list under the 2024 agreement.</summary>
public sealed class NodePair
{
    public static readonly Uri UzAddress = new("https://caravan.migration.uz/");
    public static readonly Uri KzAddress = new("https://caravan.enbek.kz/");
    public static readonly Uri HubAddress = new("https://hub.lmp-ca.example/");
    public const string Agreement = "Agreement between the Republic of Uzbekistan and the Republic of Kazakhstan on the employment of migrant workers and the protection of their rights";

    private NodePair(CaravanApp uz, CaravanApp kz, PartnerNetwork network)
    {
        Uz = uz;
        Kz = kz;
        Network = network;
    }

    public CaravanApp Uz { get; }

    public CaravanApp Kz { get; }

    public PartnerNetwork Network { get; }

    private Lazy<Task<CaravanApp>>? hub;

    /// <summary>The regional hub, started on first use and linked with both nodes: aggregates in, action plans both ways.</summary>
    public Task<CaravanApp> HubAsync()
    {
        Interlocked.CompareExchange(ref hub, new Lazy<Task<CaravanApp>>(StartHubAsync), null);
        return hub.Value;
    }

    public bool HubStarted => hub is { IsValueCreated: true };

    /// <summary>The hub as each country's trust list names it.</summary>
    public Guid HubAtUz { get; private set; }

    public Guid HubAtKz { get; private set; }

    private async Task<CaravanApp> StartHubAsync()
    {
        var app = new CaravanApp(Uz.Provider, new Dictionary<string, string?>
        {
            ["Node:Country"] = "KZ",
            ["Node:Role"] = "Hub",
            ["Node:PublicUrl"] = HubAddress.AbsoluteUri,
            ["Node:DisplayName"] = "Regional hub",
        }, services: s => s.AddSingleton<INodeTransport>(Network));
        Network.Add(HubAddress, () => app.CreateClient());
        var key = await PublicKeyAsync(app);
        HubAtUz = await TrustAsync(Uz, "KZ", "Regional hub", HubAddress, key, receive: [MessageType.ActionPlanUpdate], send: [MessageType.AggregatePublication, MessageType.ActionPlanUpdate], isHub: true);
        HubAtKz = await TrustAsync(Kz, "KZ", "Regional hub", HubAddress, key, receive: [MessageType.ActionPlanUpdate], send: [MessageType.AggregatePublication, MessageType.ActionPlanUpdate], isHub: true);
        // The hub's list also allows employment reports from Uzbekistan, so that its refusing them is the hub's own rule.
        await TrustAsync(app, "UZ", "Migration Agency (Uzbekistan)", UzAddress, await PublicKeyAsync(Uz),
            receive: [MessageType.AggregatePublication, MessageType.ActionPlanUpdate, MessageType.EmploymentRegistered], send: [MessageType.ActionPlanUpdate]);
        await TrustAsync(app, "KZ", "Enbek (Kazakhstan)", KzAddress, await PublicKeyAsync(Kz),
            receive: [MessageType.AggregatePublication, MessageType.ActionPlanUpdate], send: [MessageType.ActionPlanUpdate]);
        return app;
    }

    /// <summary>The Kazakh node as the Uzbek trust list names it.</summary>
    public Guid KzAtUz { get; private set; }

    /// <summary>The Uzbek node as the Kazakh trust list names it.</summary>
    public Guid UzAtKz { get; private set; }

    public static async Task<NodePair> StartAsync(DatabaseProvider provider)
    {
        var network = new PartnerNetwork();
        void Route(IServiceCollection s) => s.AddSingleton<INodeTransport>(network);
        var uz = new CaravanApp(provider, new Dictionary<string, string?> { ["Node:Country"] = "UZ", ["Node:PublicUrl"] = UzAddress.AbsoluteUri }, services: Route);
        var kz = new CaravanApp(provider, new Dictionary<string, string?>
        {
            ["Node:Country"] = "KZ",
            ["Node:PublicUrl"] = KzAddress.AbsoluteUri,
            ["Node:DefaultCulture"] = "kk",
        }, services: Route);
        network.Add(UzAddress, () => uz.CreateClient());
        network.Add(KzAddress, () => kz.CreateClient());
        var pair = new NodePair(uz, kz, network);
        pair.KzAtUz = await TrustAsync(uz, "KZ", "Enbek (Kazakhstan)", KzAddress, await PublicKeyAsync(kz),
            receive: [MessageType.EmploymentRegistered, MessageType.VerificationRequest, MessageType.CaseStatus],
            send: [MessageType.VerificationAnswer, MessageType.CaseReferral, MessageType.VerificationRequest]);
        pair.UzAtKz = await TrustAsync(kz, "UZ", "Migration Agency (Uzbekistan)", UzAddress, await PublicKeyAsync(uz),
            receive: [MessageType.VerificationAnswer, MessageType.CaseReferral, MessageType.VerificationRequest],
            send: [MessageType.EmploymentRegistered, MessageType.VerificationRequest, MessageType.CaseStatus]);
        return pair;
    }

    /// <summary>The node's public signing key as its JWKS publishes it, with its key id.</summary>
    public static Task<string> PublicKeyAsync(CaravanApp app) => app.WithScopeAsync(async sp =>
    {
        var key = await sp.GetRequiredService<NodeKeyRing>().ActiveAsync();
        return key.PublicJwk.TrimEnd('}') + $",\"kid\":\"{key.KeyId}\"}}";
    });

    public static Task<Guid> TrustAsync(CaravanApp app, string country, string name, Uri address, string jwk, MessageType[] receive, MessageType[] send, bool isHub = false) =>
        app.WithScopeAsync(async sp =>
        {
            var commands = sp.GetRequiredService<TrustListCommands>();
            var countries = (await sp.GetRequiredService<Catalogue>().CountriesAsync()).Select(c => c.Alpha2).ToHashSet();
            var saved = await commands.SavePartnerAsync(null, null, new PartnerInput(country, name, address.AbsoluteUri, isHub, Agreement, new DateOnly(2024, 3, 1), null), countries);
            saved.Succeeded.ShouldBeTrue();
            (await commands.AddKeyAsync(saved.Id!.Value, jwk)).Succeeded.ShouldBeTrue();
            var flows = receive.Select(t => (FlowDirection.Receive, t, MessagePurposes.Of(t)))
                .Concat(send.Select(t => (FlowDirection.Send, t, MessagePurposes.Of(t)))).ToList();
            (await commands.SetFlowsAsync(saved.Id.Value, flows)).Succeeded.ShouldBeTrue();
            return saved.Id.Value;
        });

    /// <summary>Runs the Kazakh node's delivery now, as its background sender would.</summary>
    public Task<int> DeliverFromKzAsync() => Kz.WithScopeAsync(sp => sp.GetRequiredService<NodeDelivery>().DeliverDueAsync());

    /// <summary>
    /// Delivers from the node until the message has left the queue: sent, parked, or waiting out a back-off. The
    /// node's background sender may hold it at that moment, so this waits for its claim to end as well.
    /// </summary>
    public static async Task<OutboxMessage> DeliveredAsync(CaravanApp from, Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await from.WithScopeAsync(sp => sp.GetRequiredService<NodeDelivery>().DeliverDueAsync());
            var message = await from.WithDbAsync(d => d.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == messageId));
            if (message.Status is MessageStatus.Sent or MessageStatus.Parked || (message.Status == MessageStatus.Pending && message.NextAttemptAt > DateTime.UtcNow) || DateTime.UtcNow > deadline)
            {
                return message;
            }

            await Task.Delay(50);
        }
    }

    public Task<int> DeliverFromUzAsync() => Uz.WithScopeAsync(sp => sp.GetRequiredService<NodeDelivery>().DeliverDueAsync());

    public Task<List<ExchangeRefusal>> RefusalsAtUzAsync() => Uz.WithDbAsync(d => d.Set<ExchangeRefusal>().AsNoTracking().OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync());
}

/// <summary>
/// The exchange tests share one node pair per engine: starting four nodes per class would cost more than the tests.
/// Each test leaves the pair as it found it (trust list, network), and counts only what it made.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodePairGroup : ICollectionFixture<NodePairFixture>
{
    public const string Name = "Node pair";
}

/// <summary>One node pair per engine, shared by the exchange tests.</summary>
public sealed class NodePairFixture : IAsyncDisposable
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<NodePair>>> pairs = new();

    public Task<NodePair> GetAsync(DatabaseProvider provider) =>
        pairs.GetOrAdd(provider, p => new Lazy<Task<NodePair>>(() => NodePair.StartAsync(p))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var pair in pairs.Values.Where(p => p.IsValueCreated))
        {
            var started = await pair.Value;
            if (started.HubStarted)
            {
                await (await started.HubAsync()).DisposeAsync();
            }

            await started.Uz.DisposeAsync();
            await started.Kz.DisposeAsync();
        }
    }
}
