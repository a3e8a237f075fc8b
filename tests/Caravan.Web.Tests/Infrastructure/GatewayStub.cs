using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caravan.Web.Tests.Infrastructure;

public sealed record StubRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// A local HTTP SMS gateway on a loopback port: it records every request and answers with what the test scripted
/// (by default 200 and an empty JSON object), so adapters are tested over real HTTP.
/// </summary>
public sealed class GatewayStub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubRequest> requests = new();
    private readonly ConcurrentQueue<(int Status, string Body)> script = new();

    private GatewayStub(WebApplication app) => this.app = app;

    public IReadOnlyList<StubRequest> Requests => requests.ToList();

    public Uri Url { get; private set; } = null!;

    /// <summary>Answers for a path that the script does not cover, e.g. a login endpoint.</summary>
    public Func<StubRequest, (int Status, string Body)?> Route { get; set; } = _ => null;

    public (int Status, string Body) Default { get; set; } = (200, "{}");

    public static async Task<GatewayStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new GatewayStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Url = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    /// <summary>The next answers, in order; after them the stub answers <see cref="Default"/>.</summary>
    public void Then(params (int Status, string Body)[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        string body;
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }

            body = string.Join("&", form.Select(f => f.Key + "=" + f.Value));
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync();
        }

        var request = new StubRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, form);
        requests.Enqueue(request);
        var (status, answer) = Route(request) ?? (script.TryDequeue(out var next) ? next : Default);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
