using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Caravan.Core.Audit;
using Caravan.Core.Cases;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Signing;
using Caravan.Core.Training;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Bench;

/// <summary>
/// Issue 17 §8, in process: a Kazakh and an Uzbek node, each with its own database and its own Core services (the same
/// registrations as the web app), linked by a transport that hands each signed batch to the other node's inbox without
/// HTTP. Measures:
/// 1. N "employment registered" messages queued at KZ, then signed, delivered, verified and processed at UZ (each names
///    a departure card UZ issued, so each writes the employment, its fact and its inbox row), until all are sent;
///    the baseline in the same run is the bare cryptography: N ES256 signatures and N verifications, nothing else;
/// 2. verification answers at the asking node over a round trip to the answering node, from C concurrent clients,
///    against <c>SELECT 1</c> through the same DbContext;
/// 3. offline verification of a partner's certificate from its QR payload against the trust list, against a bare
///    signature check with the key already in memory.
/// Options: --provider postgres|sqlite, --messages N (100,000), --clients N (16), --seconds N (20).
/// </summary>
internal static class ExchangeBench
{
    private static readonly Uri UzAddress = new("https://caravan.migration.uz/");
    private static readonly Uri KzAddress = new("https://caravan.enbek.kz/");

    /// <summary>The network between the two nodes, in process: each call gets its own scope on the receiving node.</summary>
    private sealed class Wire : INodeTransport
    {
        public Dictionary<string, IServiceProvider> Nodes { get; } = [];

        public async Task<IReadOnlyList<DeliveryAnswer>> SendAsync(Uri partnerBaseUrl, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
        {
            await using var scope = Nodes[Envelope.Address(partnerBaseUrl)].CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ExchangeInbox>().ReceiveAsync(tokens, cancellationToken);
        }

        public async Task<VerificationReply> AskAsync(Uri partnerBaseUrl, string token, CancellationToken cancellationToken)
        {
            await using var scope = Nodes[Envelope.Address(partnerBaseUrl)].CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<VerificationExchange>().AnswerAsync(token, cancellationToken);
        }
    }

    public static async Task RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        string Arg(string name, string fallback) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var messages = int.Parse(Arg("messages", "100000"), CultureInfo.InvariantCulture);
        Console.WriteLine($"# Caravan benchmark: exchange between nodes on {options.Provider}, {messages:N0} messages, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var uzDb = await BenchDatabase.CreateAsync(options);
        await using var kzDb = await BenchDatabase.CreateAsync(options);
        var wire = new Wire();
        await using var uz = Node(uzDb, "UZ", UzAddress, wire);
        await using var kz = Node(kzDb, "KZ", KzAddress, wire);
        wire.Nodes[Envelope.Address(UzAddress)] = uz;
        wire.Nodes[Envelope.Address(KzAddress)] = kz;
        var kzAtUz = await TrustAsync(uz, "KZ", KzAddress, await PublicKeyAsync(kz));
        var uzAtKz = await TrustAsync(kz, "UZ", UzAddress, await PublicKeyAsync(uz));

        var clock = Stopwatch.StartNew();
        var cards = await CardsAsync(uz, messages);
        Console.WriteLine($"Issued {messages:N0} departure cards at UZ in {clock.Elapsed.TotalSeconds:N0} s");
        var rows = new List<string> { "| Step | Messages | Seconds | Messages a second |", "|---|---|---|---|" };

        // Baseline: the cryptography alone, on the same key type and message size.
        var sample = new Envelope(Guid.CreateVersion7(), MessageType.EmploymentRegistered, 1, "agreement", ExchangePurpose.EmploymentProtection,
            Envelope.Address(KzAddress), Envelope.Address(UzAddress), DateTimeOffset.UtcNow, Body(cards[0])).ToJson();
        clock.Restart();
        using (var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            var key = new ECDsaSecurityKey(ecdsa) { KeyId = "bench" };
            var credentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
            var handler = new JsonWebTokenHandler();
            var parameters = new TokenValidationParameters { IssuerSigningKey = key, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false };
            for (var i = 0; i < messages; i++)
            {
                var token = handler.CreateToken(sample, credentials);
                if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid)
                {
                    throw new InvalidOperationException("The baseline's own signature did not verify.");
                }
            }
        }

        var crypto = clock.Elapsed.TotalSeconds;
        rows.Add(Row("Baseline: ES256 sign and verify, nothing else", messages, crypto));

        clock.Restart();
        for (var start = 0; start < messages; start += 1000)
        {
            await using var scope = kz.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<ExchangeOutbox>();
            foreach (var card in cards.Skip(start).Take(1000))
            {
                var queued = await outbox.AddAsync(uzAtKz, MessageType.EmploymentRegistered, Body(card));
                if (!queued.Queued)
                {
                    throw new InvalidOperationException("Not queued: " + queued.Decision + string.Join("; ", queued.Problems));
                }
            }

            await scope.ServiceProvider.GetRequiredService<CaravanDbContext>().SaveChangesAsync();
        }

        var queuedSeconds = clock.Elapsed.TotalSeconds;
        rows.Add(Row("Queue at KZ (whitelist, trust list, outbox row)", messages, queuedSeconds));
        clock.Restart();
        await using (var scope = kz.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NodeDelivery>().DeliverDueAsync();
        }

        var delivered = clock.Elapsed.TotalSeconds;
        rows.Add(Row("Sign, deliver, verify and process at UZ", messages, delivered));
        rows.Add(Row("**Queue and deliver, end to end** (target ≤ 300 s)", messages, queuedSeconds + delivered));
        var sent = await CountAsync(kz, d => d.Set<OutboxMessage>().CountAsync(m => m.Channel == MessageChannel.Node && m.Status == MessageStatus.Sent));
        var recorded = await CountAsync(uz, d => d.Set<EmploymentAbroad>().CountAsync());
        var inbox = await CountAsync(uz, d => d.Set<InboxMessage>().CountAsync());
        Console.WriteLine();
        Console.WriteLine(string.Join('\n', rows));
        Console.WriteLine($"\nSent at KZ: {sent:N0}; processed at UZ: {inbox:N0}; employment recorded: {recorded:N0}. Crypto baseline / end to end: {crypto / (queuedSeconds + delivered):0.00}");

        await RoundTripAsync(uz, kz, uzAtKz, options);
        await OfflineAsync(uz, kz);
        _ = kzAtUz;
    }

    private static JsonObject Body(string card) => new()
    {
        ["workerRef"] = card,
        ["refKind"] = "departureCard",
        ["destination"] = "KZ",
        ["permitKind"] = "workPermit",
        ["occupation"] = "7112",
        ["registeredOn"] = "2026-11-30",
    };

    private static string Row(string step, int count, double seconds) =>
        $"| {step} | {count:N0} | {seconds:N1} | {count / seconds:N0} |";

    private static ServiceProvider Node(BenchDatabase database, string country, Uri address, INodeTransport wire)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Node:Country"] = country,
            ["Node:PublicUrl"] = address.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor, SystemAuditActor>();
        services.AddCaravanData(database.Provider, database.ConnectionString);
        services.AddMemoryCache();
        services.AddDataProtection().SetApplicationName("caravan-bench-" + country).UseEphemeralDataProtectionProvider();
        services.AddSingleton(sp => new SensitiveData(sp.GetRequiredService<IDataProtectionProvider>(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        services.AddOptions<NodeOptions>().Bind(config.GetSection(NodeOptions.Section));
        services.AddOptions<MessagingOptions>();
        services.AddScoped<Catalogue>();
        services.AddSigning(config);
        services.AddScoped<CaseAccessRules>();
        services.AddScoped<CaseTimeline>();
        services.AddExchange(config);
        services.AddSingleton(wire);
        return services.BuildServiceProvider();
    }

    private static async Task<T> CountAsync<T>(IServiceProvider node, Func<CaravanDbContext, Task<T>> read)
    {
        await using var scope = node.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CaravanDbContext>());
    }

    private static async Task<string> PublicKeyAsync(IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<NodeKeyRing>().ActiveAsync();
        return key.PublicJwk.TrimEnd('}') + $",\"kid\":\"{key.KeyId}\"}}";
    }

    private static async Task<Guid> TrustAsync(IServiceProvider node, string country, Uri address, string jwk)
    {
        await using var scope = node.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<TrustListCommands>();
        var countries = (await scope.ServiceProvider.GetRequiredService<Catalogue>().CountriesAsync()).Select(c => c.Alpha2).ToHashSet();
        var saved = await commands.SavePartnerAsync(null, null, new PartnerInput(country, country + " node", address.AbsoluteUri, false, "Bench agreement", new DateOnly(2024, 1, 1), null), countries);
        var id = saved.Id ?? throw new InvalidOperationException("Partner refused");
        await commands.AddKeyAsync(id, jwk);
        MessageType[] types = [MessageType.EmploymentRegistered, MessageType.VerificationRequest, MessageType.VerificationAnswer];
        await commands.SetFlowsAsync(id, [.. types.SelectMany(t => new[] { (FlowDirection.Receive, t, MessagePurposes.Of(t)), (FlowDirection.Send, t, MessagePurposes.Of(t)) })]);
        return id;
    }

    /// <summary>N departure cards at the origin, over a thousand persons, as N workers' departures would leave them.</summary>
    private static async Task<List<string>> CardsAsync(IServiceProvider uz, int count)
    {
        var persons = Enumerable.Range(0, 1000).Select(i => new Person
        {
            Reference = $"PER-B{i:D6}",
            GivenName = "Bench",
            FamilyName = "Worker" + i.ToString(CultureInfo.InvariantCulture),
            GivenKey = "BENCH",
            FamilyKey = "WORKER",
            Sex = i % 2 == 0 ? Sex.Male : Sex.Female,
            BirthDate = new DateOnly(1990, 1, 1).AddDays(i),
            RegionCode = "UZ-SA",
            Citizenship = "UZ",
        }).ToList();
        var codes = new List<string>(count);
        await using (var scope = uz.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            db.AddRange(persons);
            await db.SaveChangesAsync();
        }

        for (var start = 0; start < count; start += 5000)
        {
            await using var scope = uz.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaravanDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 5000); i++)
            {
                var code = CredentialCodes.New();
                codes.Add(code);
                db.Add(new Credential
                {
                    Code = code,
                    Kind = CredentialKind.DepartureCard,
                    PersonId = persons[i % persons.Count].Id,
                    SubjectId = Guid.CreateVersion7(),
                    Initials = "B. W.",
                    About = "KZ",
                    On = new DateOnly(2026, 11, 1),
                    Token = "bench",
                    IssuedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }

        return codes;
    }

    private static async Task RoundTripAsync(IServiceProvider uz, IServiceProvider kz, Guid uzAtKz, BenchOptions options)
    {
        var code = await CountAsync(uz, d => d.Set<Credential>().Select(c => c.Code).FirstAsync());
        var baseline = await DriveAsync(kz, options.Clients, options.Seconds, async sp =>
            await sp.GetRequiredService<CaravanDbContext>().Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync());
        var asks = await DriveAsync(kz, options.Clients, options.Seconds, async sp =>
        {
            var answer = await sp.GetRequiredService<VerificationExchange>().AskAsync(uzAtKz, VerificationSubject.Departure, code, null);
            if (answer.Verdict != VerificationVerdict.Valid)
            {
                throw new InvalidOperationException($"Expected valid, got {answer.Verdict} ({answer.Refused})");
            }
        });
        Console.WriteLine();
        Console.WriteLine($"Verification round trip, {options.Clients} clients, {options.Seconds} s each:");
        Console.WriteLine("| Scenario | Requests | Requests a second | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(baseline.Row("Baseline: SELECT 1 at the asking node"));
        Console.WriteLine(asks.Row("**Ask UZ about a departure card, from KZ** (target p95 ≤ 100 ms)"));
    }

    private static async Task OfflineAsync(IServiceProvider uz, IServiceProvider kz)
    {
        string token;
        await using (var scope = uz.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<NodeSigner>().SignAsync(TrainingCertificates.TokenType,
                new CertificatePayload(CredentialCodes.New(), "B. W.", "Rights and law in Kazakhstan", "KZ", new DateOnly(2026, 11, 20), "UZ"));
        }

        const int checks = 5000;
        var statement = new List<double>(checks);
        await using (var scope = kz.CreateAsyncScope())
        {
            var statements = scope.ServiceProvider.GetRequiredService<PartnerStatements>();
            for (var i = 0; i < checks; i++)
            {
                var started = Stopwatch.GetTimestamp();
                if ((await statements.ReadAsync(token)).Check != StatementCheck.Valid)
                {
                    throw new InvalidOperationException("The certificate did not verify offline.");
                }

                statement.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var key = await CountAsync(kz, d => d.Set<PartnerKey>().Select(k => new { k.PublicJwk, k.KeyId }).FirstAsync());
        var parameters = new TokenValidationParameters { IssuerSigningKey = new JsonWebKey(key.PublicJwk) { KeyId = key.KeyId }, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false };
        var handler = new JsonWebTokenHandler();
        var bare = new List<double>(checks);
        for (var i = 0; i < checks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await handler.ValidateTokenAsync(token, parameters);
            bare.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"Offline verification of a partner's certificate from its QR payload, {checks:N0} checks, one after another:");
        Console.WriteLine("| Check | p50 ms | p95 ms | mean ms |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| Baseline: the signature alone, key in memory | {Percentile(bare, 50):0.000} | {Percentile(bare, 95):0.000} | {bare.Average():0.000} |");
        Console.WriteLine($"| **PartnerStatements: trust list read, key, signature, payload** (target ≤ 5 ms) | {Percentile(statement, 50):0.000} | {Percentile(statement, 95):0.000} | {statement.Average():0.000} |");
    }

    private static double Percentile(List<double> samples, int p)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record Result(int Count, double Seconds, List<double> Samples)
    {
        public string Row(string name) =>
            $"| {name} | {Count:N0} | {Count / Seconds:N0} | {Percentile(Samples, 50):0.0} | {Percentile(Samples, 95):0.0} |";
    }

    private static async Task<Result> DriveAsync(IServiceProvider node, int clients, int seconds, Func<IServiceProvider, Task> call)
    {
        var samples = new List<double>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<double>();
            while (DateTime.UtcNow < until)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var scope = node.CreateAsyncScope())
                {
                    await call(scope.ServiceProvider);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (samples)
            {
                samples.AddRange(mine);
            }
        }));
        return new Result(samples.Count, clock.Elapsed.TotalSeconds, samples);
    }
}
