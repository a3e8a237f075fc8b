using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Caravan.Web -- demo-region</c>: an Uzbek and a Kazakh demo node and the regional hub on
/// loopback, each in its own process with its own SQLite database, keys and documents under data/demo-region, each
/// putting the others on its trust list when they are up (<see cref="DemoRegionLinker"/>); the countries then publish
/// their protected tables to the hub. Development only, like every demo.
/// </summary>
public static class DemoRegionCommand
{
    public const string Name = "demo-region";

    private sealed record DemoNode(string Country, string DisplayName, string Culture, int Port, bool IsHub = false)
    {
        public string Folder => IsHub ? "hub" : Country.ToLowerInvariant();

        public Uri Address => new($"http://127.0.0.1:{Port}/");
    }

    public static async Task<int> RunAsync(string[] args, string? environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!string.Equals(environment ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"), "Development", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("demo-region runs demo nodes, which are refused outside Development: start it with 'dotnet run --project src/Caravan.Web -- demo-region'.");
            return 2;
        }

        var root = Path.GetFullPath(Path.Combine("data", Name));
        Directory.CreateDirectory(root);
        var nodes = new[]
        {
            new DemoNode("UZ", "Caravan — Uzbekistan (demo)", "uz", FreePort(5101)),
            new DemoNode("KZ", "Caravan — Kazakhstan (demo)", "kk", FreePort(5102)),
            // The secretariat's hub is hosted in one of the countries; it holds no personal data of any.
            new DemoNode("KZ", "Caravan — regional hub (demo)", "ru", FreePort(5103), IsHub: true),
        };
        var processes = new List<Process>();
        using var stopping = new CancellationTokenSource();
        // Ctrl+C, a closed terminal or a kill: the nodes stop with this process, never left running on their own.
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        using var hangUp = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, Stop);

        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        try
        {
            foreach (var node in nodes)
            {
                processes.Add(Start(node, nodes.Where(n => n != node).ToList(), root));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var node in nodes)
            {
                await WaitHealthyAsync(http, node.Address, stopping.Token);
            }

            Console.WriteLine("The demo region is running. The nodes link to each other within seconds (see /admin/partners), and the countries then publish to the hub (see /region on the hub):");
            foreach (var node in nodes)
            {
                Console.WriteLine($"  {(node.IsHub ? "hub" : node.Country),-4}{node.Address}   ({node.DisplayName}; data in {Path.Combine(root, node.Folder)})");
            }

            Console.WriteLine("Demo accounts are the same on every node (README). Press Ctrl+C to stop.");
            await Task.WhenAny(Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default),
                Task.WhenAny(processes.Select(p => p.WaitForExitAsync())));
            return processes.Any(p => p.HasExited) && !stopping.IsCancellationRequested ? 1 : 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        finally
        {
            foreach (var process in processes.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process Start(DemoNode node, IReadOnlyList<DemoNode> partners, string root)
    {
        var dir = Path.Combine(root, node.Folder);
        Directory.CreateDirectory(dir);
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DemoRegionCommand).Assembly.Location);
        }

        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ASPNETCORE_URLS"] = node.Address.AbsoluteUri.TrimEnd('/');
        env["Node__Country"] = node.Country;
        env["Node__Role"] = node.IsHub ? "Hub" : "Country";
        env["DemoRegion__Facts"] = node.IsHub ? "false" : "true";
        env["Node__DisplayName"] = node.DisplayName;
        env["Node__DefaultCulture"] = node.Culture;
        env["Node__PublicUrl"] = node.Address.AbsoluteUri;
        env["ConnectionStrings__Caravan"] = $"Data Source={Path.Combine(dir, "caravan.db")}";
        env["DataProtection__KeysPath"] = Path.Combine(dir, "keys");
        env["Documents__Path"] = Path.Combine(dir, "documents");
        env["Logging__LogLevel__Default"] = "Warning";
        for (var i = 0; i < partners.Count; i++)
        {
            env[$"DemoRegion__Partners__{i}__Country"] = partners[i].Country;
            env[$"DemoRegion__Partners__{i}__Name"] = partners[i].DisplayName;
            env[$"DemoRegion__Partners__{i}__Url"] = partners[i].Address.AbsoluteUri;
            env[$"DemoRegion__Partners__{i}__IsHub"] = partners[i].IsHub ? "true" : "false";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The {node.Country} node did not start.");
        var label = node.IsHub ? "hub" : node.Country;
        process.OutputDataReceived += (_, e) => Print(label, e.Data);
        process.ErrorDataReceived += (_, e) => Print(label, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Print(string country, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.WriteLine($"[{country}] {line}");
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(address, "/healthz"), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new InvalidOperationException($"The node at {address} did not become healthy in two minutes.");
    }

    /// <summary>The preferred port when it is free (so addresses stay the same from run to run), else any free one.</summary>
    private static int FreePort(int preferred)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, preferred);
            listener.Start();
            return preferred;
        }
        catch (SocketException)
        {
            using var any = new TcpListener(IPAddress.Loopback, 0);
            any.Start();
            return ((IPEndPoint)any.LocalEndpoint).Port;
        }
    }
}
