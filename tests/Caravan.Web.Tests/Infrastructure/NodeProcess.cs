using System.Diagnostics;
using System.Text;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// The node as an operator starts it: <c>dotnet run --project src/Caravan.Web</c> in its own process, with the
/// launch profile applied and the environment exported, exactly as the README's production steps say.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly string[] RunArguments = ["run", "--no-build", "--project", "src/Caravan.Web", "--"];

    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool disposed;
    private int? exitCode;

    private NodeProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caravan.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Caravan.sln not found above the test binaries.");
    }

    public static NodeProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) => Start(environment, launchProfile: true, arguments);

    /// <summary>
    /// The node's process. With the launch profile, through <c>dotnet run</c> as the README says; without it, the built
    /// app itself, which starts seconds sooner, for tests about what the node does rather than how it is launched.
    /// </summary>
    public static NodeProcess Start(IReadOnlyDictionary<string, string> environment, bool launchProfile, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Caravan.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launchProfile ? root : web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --no-build: ./test.sh has built everything; the launch profile is still applied, which is what is under test.
        foreach (var a in launchProfile ? RunArguments.Concat(arguments) : [Path.Combine(web, "bin", "Debug", "net10.0", "Caravan.Web.dll"), .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public bool HasExited => exitCode is not null || process.HasExited;

    /// <summary>Runs a command verb to its end and returns its exit code.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync(environment, launchProfile: true, arguments);

    /// <summary>Runs a command verb to its end and returns its exit code; without the launch profile, the built app itself.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, bool launchProfile, params string[] arguments)
    {
        await using var node = Start(environment, launchProfile, arguments);
        return await node.WaitForExitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Waits for a command verb to end by itself.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync(TimeSpan timeout)
    {
        if (exitCode is { } killed)
        {
            return (killed, Output);
        }

        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        return (process.ExitCode, Output);
    }

    /// <summary>Waits until the node answers /healthz, or fails with what it printed.</summary>
    public async Task WaitUntilServingAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting, slowly.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The node did not answer /healthz in 90 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>SIGKILL to the node and its children, as kill -9: no shutdown, no flush, whatever it was doing.</summary>
    public async Task KillAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        exitCode = process.ExitCode;
        process.Dispose();
    }
}
