using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback port (the SmtpServer library), keeping what it receives or refusing it on demand.</summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Store store = new();
    private readonly Task running;

    public SmtpTestServer()
    {
        Port = GatewayStub.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>While true the server answers every message with 554, as a relay that refuses the node would.</summary>
    public bool Refuse
    {
        get => store.Refuse;
        set => store.Refuse = value;
    }

    public IReadOnlyList<MimeMessage> Received => store.Received.ToList();

    public void Dispose()
    {
        stop.Cancel();
        server.Shutdown();
        try
        {
            running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancellation on shutdown is expected.
        }

        stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Received { get; } = new();

        public volatile bool Refuse;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "Relay refused");
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
