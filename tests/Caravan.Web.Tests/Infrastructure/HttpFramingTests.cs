using System.Net;
using System.Net.Sockets;
using System.Text;
using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// ASVS 4.2.1: where one request ends is decided one way. Requests that a proxy and the node could frame differently
/// (both lengths, two lengths, a disguised chunked coding) are refused or end the connection, so nothing can be smuggled
/// in behind them. Sent raw over a socket to Kestrel, since HttpClient will not write such requests.
/// </summary>
public sealed class HttpFramingTests : IAsyncLifetime
{
    private CaravanApp app = null!;
    private int port;

    public Task InitializeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        app = new CaravanApp(DatabaseProvider.Sqlite);
        app.UseKestrel(port);
        app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>Everything the node answers on one connection to <paramref name="raw"/>, until it closes or goes quiet.</summary>
    private async Task<(string Answer, bool Closed)> SendAsync(string raw)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, quiet.Token);
            }
            catch (OperationCanceledException)
            {
                return (answer.ToString(), false);
            }
            catch (IOException)
            {
                return (answer.ToString(), true);
            }

            if (read == 0)
            {
                return (answer.ToString(), true);
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    private static int Responses(string answer) => answer.Split("HTTP/1.1 ").Length - 1;

    [Fact]
    public async Task A_body_over_the_10_MB_cap_is_refused_with_413_before_it_is_read()
    {
        // Declared, not sent: the node refuses on the length alone, without waiting for 11 MB.
        var (answer, _) = await SendAsync("POST /api/v1/tips/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {11 * 1024 * 1024}\r\n\r\n{{\"code\":\"");
        answer.ShouldStartWith("HTTP/1.1 413 ", Case.Sensitive, answer);

        // A small body reaches the endpoint, which answers it: so it is the size that got the 413.
        const string body = "{\"code\":\"\"}";
        var (small, _) = await SendAsync("POST /api/v1/tips/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        small.ShouldNotStartWith("HTTP/1.1 413 ", Case.Sensitive, small);
        small.ShouldNotStartWith("HTTP/1.1 5", Case.Sensitive, small);

        // A page post over the cap: the antiforgery check reads the form first and refuses it as a bad request.
        var (page, _) = await SendAsync("POST /account/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + $"Content-Length: {11 * 1024 * 1024}\r\n\r\nEmail=a%40b.c");
        page.ShouldStartWith("HTTP/1.1 400 ", Case.Sensitive, page);
    }

    private const string Smuggled = "GET /vacancies?smuggled=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";

    [Fact]
    public async Task A_request_with_both_Content_Length_and_Transfer_Encoding_carries_nothing_in_behind_it()
    {
        var (answer, closed) = await SendAsync("POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + Smuggled);
        Responses(answer).ShouldBe(1, answer);
        closed.ShouldBeTrue(answer);

        // The same pipelined pair without the conflict gets two answers, so the one above is the conflict's doing.
        var (pair, _) = await SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n" + Smuggled);
        Responses(pair).ShouldBe(2, pair);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\nContent-Length: 7")]
    [InlineData("Content-Length: 5, 7")]
    [InlineData("Content-Length: -1")]
    [InlineData("Content-Length: 0x5")]
    [InlineData("Transfer-Encoding: chunked, identity")]
    [InlineData("Transfer-Encoding: xchunked")]
    [InlineData("Transfer-Encoding: identity")]
    [InlineData("Transfer-Encoding : chunked")]
    [InlineData(" Transfer-Encoding: chunked")]
    public async Task A_request_whose_length_could_be_read_two_ways_is_refused_and_the_connection_closed(string framing)
    {
        var (answer, closed) = await SendAsync($"POST /healthz HTTP/1.1\r\nHost: localhost\r\n{framing}\r\n\r\nhello" + Smuggled);
        answer.ShouldStartWith("HTTP/1.1 400", customMessage: framing);
        Responses(answer).ShouldBe(1, answer);
        closed.ShouldBeTrue(framing);
    }
}
