using System.Data.Common;
using System.Text.Json.Nodes;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Infrastructure.Faults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caravan.Web.Tests.Exchange;

/// <summary>
/// Issue 17's faults: two real node processes, a Kazakh one delivering 10,000 employment reports to an Uzbek one over
/// HTTP. The sender is killed (SIGKILL) in the middle, then the receiver; both restart. In the end every message has
/// been processed exactly once: one inbox row each at the receiver, every outbox row sent at the sender.
/// </summary>
public class ExchangeFaultTests
{
    private const int Messages = 10_000;

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Killing_the_sender_then_the_receiver_mid_delivery_loses_nothing_and_processes_each_message_once(DatabaseProvider provider)
    {
        var uz = new Node(provider, "UZ", new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/"));
        var kz = new Node(provider, "KZ", new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/"));
        await PrepareAsync(uz, kz);

        await using var receiver = new Running(uz);
        await receiver.StartAsync();
        await using var sender = new Running(kz);
        await sender.StartAsync();

        // The sender dies with a batch in flight, and comes back: its claim lapses and the batch goes again.
        await WaitForAsync(() => uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox"), n => n >= 1_000, "the first 1,000 messages");
        await sender.KillAsync();
        var afterSenderDied = await uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox");
        afterSenderDied.ShouldBeLessThan(Messages, "the sender died mid-delivery");
        await sender.StartAsync();

        // The receiver dies in the middle of a delivery, and comes back: the sender backs off and tries again.
        await WaitForAsync(() => uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox"), n => n >= afterSenderDied + 3_000, "3,000 more messages");
        await receiver.KillAsync();
        (await uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox")).ShouldBeLessThan(Messages, "the receiver died mid-delivery");
        (await kz.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE channel = 'Node' AND status <> 'Sent'")).ShouldBeGreaterThan(0);
        await Task.Delay(500);
        await receiver.StartAsync();

        await DeliveredOnceAsync(uz, kz, Messages);
    }

    /// <summary>
    /// Both nodes' PostgreSQL (one server of the test's own, two databases) is killed with SIGKILL in the middle of a
    /// delivery and started again: neither node is restarted, both carry on by themselves, and every message is
    /// processed once.
    /// </summary>
    [Fact]
    public async Task Killing_PostgreSQL_mid_delivery_loses_nothing_and_both_nodes_carry_on_when_it_is_back()
    {
        const int messages = 3_000;
        await using var cluster = await PostgresCluster.StartAsync();
        var uz = new Node(DatabaseProvider.Postgres, "UZ", new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/"), cluster.ConnectionString("caravan_uz"));
        var kz = new Node(DatabaseProvider.Postgres, "KZ", new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/"), cluster.ConnectionString("caravan_kz"));
        await PrepareAsync(uz, kz, messages);

        await using var receiver = new Running(uz);
        await receiver.StartAsync();
        await using var sender = new Running(kz);
        await sender.StartAsync();
        await WaitForAsync(() => uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox"), n => n >= 500, "the first 500 messages");
        await cluster.KillAsync();
        await Task.Delay(1_000);
        await cluster.StartAgainAsync();
        (await uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox")).ShouldBeLessThan(messages, "PostgreSQL died mid-delivery");

        await WaitForAsync(() => kz.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE channel = 'Node' AND status <> 'Sent'"), n => n == 0, "every message sent",
            TimeSpan.FromMinutes(3));
        receiver.Exited.ShouldBeFalse("the receiving node died with its database");
        sender.Exited.ShouldBeFalse("the sending node died with its database");
        await DeliveredOnceAsync(uz, kz, messages);
    }

    /// <summary>Every queued message sent, none parked, and each in the receiver's inbox exactly once.</summary>
    private static async Task DeliveredOnceAsync(Node uz, Node kz, int messages)
    {
        await WaitForAsync(() => kz.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE channel = 'Node' AND status <> 'Sent'"), n => n == 0, "every message sent",
            TimeSpan.FromMinutes(3));
        (await uz.CountAsync("SELECT COUNT(*) FROM exchange_inbox")).ShouldBe(messages);
        (await uz.CountAsync("SELECT COUNT(DISTINCT id) FROM exchange_inbox")).ShouldBe(messages);
        (await kz.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE channel = 'Node' AND status = 'Sent'")).ShouldBe(messages);
        (await kz.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE channel = 'Node' AND status = 'Parked'")).ShouldBe(0);
    }

    /// <summary>Both databases migrated, each node on the other's trust list, and the reports queued at the Kazakh node.</summary>
    private static async Task PrepareAsync(Node uz, Node kz, int messages = Messages)
    {
        await using var uzApp = uz.InProcess();
        await using var kzApp = kz.InProcess();
        var uzKey = await NodePair.PublicKeyAsync(uzApp);
        var kzKey = await NodePair.PublicKeyAsync(kzApp);
        await NodePair.TrustAsync(uzApp, "KZ", "Enbek (Kazakhstan)", kz.Url, kzKey, receive: [MessageType.EmploymentRegistered], send: []);
        var uzAtKz = await NodePair.TrustAsync(kzApp, "UZ", "Migration Agency (Uzbekistan)", uz.Url, uzKey, receive: [], send: [MessageType.EmploymentRegistered]);
        for (var chunk = 0; chunk < messages / 1_000; chunk++)
        {
            await kzApp.WithScopeAsync(async sp =>
            {
                var outbox = sp.GetRequiredService<ExchangeOutbox>();
                for (var i = 0; i < 1_000; i++)
                {
                    var queued = await outbox.AddAsync(uzAtKz, MessageType.EmploymentRegistered, new JsonObject
                    {
                        ["workerRef"] = $"CRV-{chunk:0000}-{i:0000}-FALT",
                        ["refKind"] = "departureCard",
                        ["destination"] = "KZ",
                        ["permitKind"] = "patent",
                        ["registeredOn"] = "2026-11-30",
                    });
                    queued.Queued.ShouldBeTrue();
                }

                await sp.GetRequiredService<CaravanDbContext>().SaveChangesAsync();
                return 0;
            });
        }
    }

    private static async Task WaitForAsync(Func<Task<long>> read, Func<long, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        long last;
        while (!done(last = await read()))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waiting for {what}: {last} so far");
            await Task.Delay(100);
        }
    }

    /// <summary>One node's database and settings, for the in-process preparation and for its real process.</summary>
    private sealed class Node(DatabaseProvider provider, string country, Uri url, string? connectionString = null)
    {
        public Uri Url { get; } = url;

        public string ConnectionString { get; } = connectionString ?? CaravanApp.NewDatabase(provider);

        /// <summary>Quick to notice what is due and quick to retry, so the faults play out in seconds rather than minutes.</summary>
        private Dictionary<string, string?> Settings => new()
        {
            ["Node:Country"] = country,
            ["Node:PublicUrl"] = Url.AbsoluteUri,
            ["Demo:Enabled"] = "false",
            ["Exchange:PollInterval"] = "00:00:01",
            ["Exchange:ClaimTime"] = "00:00:10",
            ["Exchange:RequestTimeout"] = "00:00:08",
            ["Messaging:FirstBackoff"] = "00:00:01",
            ["Messaging:MaxBackoff"] = "00:00:02",
            ["Messaging:MaxAttempts"] = "20",
            ["Messaging:QuickRetries"] = "0",
            ["RateLimits:ExchangePerMinute"] = "100000",
        };

        /// <summary>The node in this process, to prepare its database; it must not deliver anything itself.</summary>
        public CaravanApp InProcess() =>
            new(provider, new Dictionary<string, string?>(Settings) { ["Exchange:PollInterval"] = "01:00:00" }, connectionString: ConnectionString);

        public Dictionary<string, string> Environment()
        {
            var keys = Path.Combine(Path.GetTempPath(), "caravan-tests");
            var env = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__Provider"] = provider.ToString(),
                ["ConnectionStrings__Caravan"] = ConnectionString,
                ["DataProtection__KeysPath"] = Path.Combine(keys, "keys"),
                ["Documents__Path"] = Path.Combine(keys, "documents"),
                ["Jobs__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (key, value) in Settings)
            {
                env[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            }

            return env;
        }

        public async Task<long> CountAsync(string sql)
        {
            // Unpooled: a pooled connection would be a dead one after the server's restart.
            await using DbConnection connection = provider == DatabaseProvider.Sqlite
                ? new SqliteConnection(ConnectionString)
                : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A node's process, started, killed and started again on the same database and port.</summary>
    private sealed class Running(Node node) : IAsyncDisposable
    {
        private NodeProcess? process;

        public async Task StartAsync()
        {
            process = NodeProcess.Start(node.Environment(), launchProfile: false, "--urls", node.Url.AbsoluteUri);
            await process.WaitUntilServingAsync(node.Url);
        }

        public bool Exited => process?.HasExited ?? true;

        public async Task KillAsync()
        {
            await process!.KillAsync();
            process = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }
}
