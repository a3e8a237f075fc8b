using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure.Faults;

/// <summary>
/// A PostgreSQL server of the test's own, so that it can be killed: the suite's shared server serves every other test.
/// Stock durability (fsync on, full page writes), unlike the suite's server, because what survives a crash is the
/// question. Started from Debian's binaries as ./test.sh starts its own; as the postgres user when the tests run as root.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string directory;
    private readonly int port;

    private PostgresCluster(string bin, string directory, int port)
    {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    private string Data => Path.Combine(directory, "data");

    private static bool Root => Environment.UserName == "root";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture)).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql: ./test.sh installs it.");
        }

        var directory = Directory.CreateTempSubdirectory("caravan-fault-pg-").FullName;
        if (Root)
        {
            await RunAsync("chown", "postgres:", directory);
        }

        var cluster = new PostgresCluster(bin, directory, GatewayStub.FreePort());
        await cluster.AsPostgresAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = database,
        Timeout = 5,
    }.ToString();

    /// <summary>Starts the server; after a kill this is crash recovery, replaying the write-ahead log.</summary>
    public async Task StartAgainAsync()
    {
        try
        {
            await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(directory, "log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=100", "start");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(e.Message + "\n" + string.Join('\n', File.ReadLines(Path.Combine(directory, "log")).TakeLast(20)), e);
        }
    }

    /// <summary>SIGKILL to the postmaster and every backend at once, as kill -9 of the whole server or a power cut of its process tree.</summary>
    public async Task KillAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        // Stopped first, so that it forks no new backend between the list of its children and the kill, and they keep
        // it as their parent (a killed parent's children are adopted by init, and could no longer be told apart).
        await RunAsync("kill", "-STOP", postmaster.ToString(CultureInfo.InvariantCulture));
        var victims = new List<int> { postmaster };
        foreach (var stat in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ...", and comm may hold spaces, so read after the last ')'.
                var text = await File.ReadAllTextAsync(Path.Combine(stat, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    victims.Add(int.Parse(Path.GetFileName(stat), CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        await RunAsync("kill", ["-9", .. victims.Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        foreach (var victim in victims)
        {
            for (var i = 0; i < 100 && Alive(victim); i++)
            {
                await Task.Delay(50);
            }
        }

        // Where the container's first process reaps no orphans, the dead postmaster stays a zombie, which PostgreSQL
        // takes for a live server holding the data directory and the socket. After a real crash there is no such
        // process: the lock files are stale either way, so they go, as an operator would remove them once sure that
        // no postmaster runs.
        File.Delete(Path.Combine(Data, "postmaster.pid"));
        File.Delete(Path.Combine(directory, $".s.PGSQL.{port}.lock"));
    }

    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "30", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already down: a test that failed between a kill and a restart.
        }

        Directory.Delete(directory, recursive: true);
    }

    private Task AsPostgresAsync(string program, params string[] arguments) =>
        Root ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments]) : RunAsync(Path.Combine(bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
