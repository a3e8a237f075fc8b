using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Caravan.Bench;

/// <summary>The real server, built in Release and run as its own process, so its memory can be read from /proc.</summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;

    private AppServer(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<AppServer> StartAsync(string repo, BenchDatabase database, IReadOnlyDictionary<string, string>? environment = null)
    {
        var web = Path.Combine(repo, "src", "Caravan.Web");
        Run("dotnet", $"build \"{web}\" -c Release -v quiet -nologo", repo);
        var port = FreePort();
        var start = StartInfo(web, database, $"--urls http://127.0.0.1:{port}", environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(1000);
        }

        throw new InvalidOperationException("The server did not become healthy in two minutes.");
    }

    /// <summary>
    /// Runs one of the app's command-line verbs (such as <c>migrate</c>) against the database, with the server's settings,
    /// and waits for it: the way an operator prepares a node, rather than a copy of what the verb does.
    /// </summary>
    public static void RunVerb(string repo, BenchDatabase database, string verb, IReadOnlyDictionary<string, string>? environment = null)
    {
        var web = Path.Combine(repo, "src", "Caravan.Web");
        Run("dotnet", $"build \"{web}\" -c Release -v quiet -nologo", repo);
        var start = StartInfo(web, database, verb, environment);
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        using var p = Process.Start(start) ?? throw new InvalidOperationException("dotnet " + verb);
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"Caravan.Web {verb} failed with {p.ExitCode}");
        }
    }

    /// <summary>Peak resident set size so far (VmHWM), in MB.</summary>
    public double PeakRssMegabytes() => StatusMegabytes("VmHWM:");

    /// <summary>Resident set size now (VmRSS), in MB.</summary>
    public double CurrentRssMegabytes() => StatusMegabytes("VmRSS:");

    private double StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1024d;
    }

    private static ProcessStartInfo StartInfo(string web, BenchDatabase database, string arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(web, "bin", "Release", "net10.0", "Caravan.Web.dll")}\" {arguments} --contentRoot \"{web}\"")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Staging: production behaviour (no developer pages, JSON logs) without requiring HTTPS on loopback.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Caravan"] = database.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static void Run(string file, string arguments, string directory)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory }) ?? throw new InvalidOperationException(file);
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with {p.ExitCode}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
