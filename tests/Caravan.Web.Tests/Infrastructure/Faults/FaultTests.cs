using System.Globalization;
using System.Text;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure.Faults;

/// <summary>
/// Issue 18 §4, Jepsen-style: the node's process, and separately its PostgreSQL server, is killed with SIGKILL in
/// the middle of tips being filed, of a registry import and of the statistics fold; after the restart nothing that
/// was acknowledged is lost, nothing is written twice, the interrupted work finishes when run again, and every rule
/// of <see cref="Invariants"/> holds, with the storage checked too (SQLite's integrity_check, PostgreSQL's amcheck).
/// Outbox delivery under the same kills is <c>ExchangeFaultTests</c>.
/// </summary>
public sealed class FaultTests
{
    private const int ImportRows = 12_000;
    private const int Facts = 50_000;

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Killing_the_node_mid_write_loses_nothing_acknowledged_and_writes_nothing_twice(DatabaseProvider provider)
    {
        using var node = new FaultNode(provider, CaravanApp.NewDatabase(provider));
        await node.MigrateAsync();
        var fault = new Fault("the node was killed", KillsTheNode: true, process => process.KillAsync(), () => Task.CompletedTask);

        await TipsAsync(node, fault);
        await ImportAsync(node, fault);
        await FoldAsync(node, fault);
    }

    [Fact]
    public async Task Killing_PostgreSQL_mid_write_loses_nothing_acknowledged_and_the_node_carries_on_when_it_is_back()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        using var node = new FaultNode(DatabaseProvider.Postgres, cluster.ConnectionString("caravan"));
        await node.MigrateAsync();
        var fault = new Fault("PostgreSQL was killed", KillsTheNode: false, _ => cluster.KillAsync(), cluster.StartAgainAsync);

        await TipsAsync(node, fault);
        await ImportAsync(node, fault);
        await FoldAsync(node, fault);
    }

    /// <summary>
    /// Four people file tips through the public form; the fault strikes with posts in flight. Every tip whose page
    /// came back is there once; no tip is there that nobody sent. After a database crash the same node process serves
    /// again by itself once the database is back; after its own crash it is started again.
    /// </summary>
    private static async Task TipsAsync(FaultNode node, Fault fault)
    {
        var server = await node.ServeAsync();
        var writers = new TipWriters(node.Url, writers: 4);
        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(stop.Token);
        await WaitForAsync(() => writers.Acknowledged.Count >= 20, "20 acknowledged tips");

        await fault.InjectAsync(server);
        var acknowledgedBefore = writers.Acknowledged.Count;
        await Task.Delay(1_000);
        await fault.RecoverAsync();
        if (fault.KillsTheNode)
        {
            server = await node.ServeAsync();
        }
        else
        {
            server.HasExited.ShouldBeFalse($"the node died with its database:\n{server.Output}");
        }

        await WaitForAsync(() => writers.Acknowledged.Count >= acknowledgedBefore + 10, "10 more tips acknowledged after the restart");
        await stop.CancelAsync();
        await writing;
        await server.KillAsync();

        writers.Failures.ShouldBeGreaterThan(0, $"{fault.Name} while tips were being filed, so some posts must have failed");
        // Lowercase: SQLite keeps a Guid as uppercase text.
        var stored = (await node.RowsAsync("SELECT submission_key FROM legal_case WHERE submission_key IS NOT NULL")).Select(k => k.ToLowerInvariant()).ToList();
        var attempted = writers.Attempted.ToHashSet();
        var ours = stored.Where(attempted.Contains).ToList();
        writers.Acknowledged.Except(ours).ShouldBeEmpty("an acknowledged tip was lost");
        ours.Count.ShouldBe(ours.Distinct().Count(), "a tip was stored twice");
        (await Invariants.BrokenAsync(node)).ShouldBeEmpty($"after tips, when {fault.Name}");
    }

    /// <summary>
    /// A registry extract loads in batches of 5,000, each committed with the import's progress; the fault strikes
    /// after the first batch, usually in the middle of another. Run again, the import resumes after the last whole
    /// batch: every row is in once, and so is its registration fact.
    /// </summary>
    private static async Task ImportAsync(FaultNode node, Fault fault)
    {
        var csv = Path.Combine(node.Directory, "extract.csv");
        await File.WriteAllTextAsync(csv, Extract(ImportRows), Encoding.UTF8);
        var factsBefore = await node.CountAsync("SELECT COUNT(*) FROM fact WHERE kind = 'Registration'");

        var import = node.Start("import-persons", csv);
        // As soon as the first batch is committed: the next is being written (a COPY of 5,000 rows takes some
        // 100 ms on PostgreSQL), or, on a fast machine, the rows are loaded and being matched.
        await WaitForAsync(() => import.Output.Contains("rows 5,000", StringComparison.Ordinal) || import.HasExited, "the first batch of the import", poll: 10);
        await Task.Delay(Random.Shared.Next(0, 50));
        import.HasExited.ShouldBeFalse($"the import ended before {fault.Name}:\n{import.Output}");
        await fault.InjectAsync(import);
        (await import.WaitForExitAsync(TimeSpan.FromMinutes(2))).ExitCode.ShouldNotBe(0, $"the import went on although {fault.Name}");
        await fault.RecoverAsync();

        (await node.CountAsync("SELECT COUNT(*) FROM registry_import WHERE status = 'Completed'")).ShouldBe(0, "the import was interrupted");
        (await Invariants.BrokenAsync(node)).ShouldBeEmpty($"right after {fault.Name} during the import");

        var resumed = await node.RunAsync("import-persons", csv);
        resumed.ExitCode.ShouldBe(0, resumed.Output);
        resumed.Output.ShouldContain("Resuming import");
        (await node.CountAsync($"SELECT COUNT(*) FROM registry_import WHERE status = 'Completed' AND last_row = {ImportRows} AND rows_imported = {ImportRows}")).ShouldBe(1);
        (await node.CountAsync("SELECT COUNT(*) FROM person WHERE import_id IS NOT NULL")).ShouldBe(ImportRows);
        (await node.CountAsync("SELECT COUNT(*) FROM fact WHERE kind = 'Registration'")).ShouldBe(factsBefore + ImportRows);
        (await Invariants.BrokenAsync(node)).ShouldBeEmpty($"after the import resumed from {fault.Name}");
    }

    /// <summary>
    /// The fold reads every new fact and writes the aggregates in one transaction with its watermark. The test holds
    /// the aggregate table locked, so the fault strikes with the fold provably inside that transaction; afterwards the
    /// watermark has not moved, a fold run again catches up, and its aggregates equal a rebuild from every fact.
    /// </summary>
    private static async Task FoldAsync(FaultNode node, Fault fault)
    {
        await WriteFactsAsync(node, Facts);
        var watermark = await node.RowsAsync("SELECT folded_through, version FROM stat_fold_state");
        if (node.Provider == DatabaseProvider.Postgres)
        {
            await using var blocker = await node.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var hold = blocker.CreateCommand())
            {
                // A lock that lets the fold read the facts but not write the aggregates.
                hold.Transaction = transaction;
                hold.CommandText = "LOCK TABLE stat_cell IN SHARE MODE";
                await hold.ExecuteNonQueryAsync();
            }

            var fold = node.Start("statistics-fold");
            await WaitForAsync(async () => await node.CountAsync("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'stat_cell'::regclass") > 0,
                "the fold waiting to write the aggregates");
            fold.HasExited.ShouldBeFalse($"the fold ended although the aggregates were locked:\n{fold.Output}");
            await fault.InjectAsync(fold);
            await fold.WaitForExitAsync(TimeSpan.FromMinutes(1));
            await RollBackQuietlyAsync(transaction);
        }
        else
        {
            // SQLite (in WAL mode, as EF Core creates it) lets no reader hold a writer back, and a writer waiting to
            // begin has not begun: the kill comes as soon as the fold's query over the facts has started, inside its
            // transaction, and reading them takes far longer than the kill (the watermark check below proves it).
            var fold = node.Start(("Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command", "Information"), "statistics-fold");
            await WaitForAsync(() => fold.Output.Contains("recorded_at", StringComparison.Ordinal) || fold.HasExited, "the fold's query over the facts", poll: 10);
            fold.HasExited.ShouldBeFalse($"the fold ended before {fault.Name}:\n{fold.Output}");
            await fault.InjectAsync(fold);
        }

        await fault.RecoverAsync();
        (await node.RowsAsync("SELECT folded_through, version FROM stat_fold_state")).ShouldBe(watermark, "the interrupted fold moved the watermark");
        (await Invariants.BrokenAsync(node)).ShouldBeEmpty($"right after {fault.Name} during the fold");

        var folded = await node.RunAsync("statistics-fold");
        folded.ExitCode.ShouldBe(0, folded.Output);
        var afterFold = await AggregatesAsync(node);
        var rebuilt = await node.RunAsync("statistics-rebuild");
        rebuilt.ExitCode.ShouldBe(0, rebuilt.Output);
        var afterRebuild = await AggregatesAsync(node);
        afterFold.Count.ShouldBeGreaterThan(0);
        afterFold.Except(afterRebuild).ShouldBeEmpty("a cell of the resumed fold differs from the rebuild");
        afterRebuild.Except(afterFold).ShouldBeEmpty("a cell of the rebuild is missing from the resumed fold");
        (await Invariants.BrokenAsync(node)).ShouldBeEmpty($"after the fold resumed from {fault.Name}");
    }

    private static async Task RollBackQuietlyAsync(System.Data.Common.DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The server under the lock was the one killed: there is nothing left to roll back.
        }
    }

    private static async Task<List<string>> AggregatesAsync(FaultNode node) =>
        [.. (await node.RowsAsync("SELECT * FROM stat_cell")).Select(r => "cell " + r), .. (await node.RowsAsync("SELECT * FROM stat_pair")).Select(r => "pair " + r)];

    /// <summary>
    /// Synthetic registrations spread over the year's months, recorded now: a fact must be recorded after the fold's
    /// watermark to be folded (the lag, 0 here, is what gives slow writes time to land).
    /// </summary>
    private static async Task WriteFactsAsync(FaultNode node, int count)
    {
        var random = new Random(20261206);
        string[] regions = ["UZ-SA", "UZ-TO", "UZ-FA", "UZ-AN", "UZ-NG", "UZ-SU"];
        string[] bands = ["15-19", "20-24", "25-29", "30-34", "35-39", "40-44"];
        var recorded = DateTime.UtcNow;
        var facts = Enumerable.Range(0, count).Select(i => new Fact
        {
            Kind = FactKind.Registration,
            Date = new DateOnly(2026, 1 + (i % 11), 1 + random.Next(28)),
            Sex = random.Next(3) switch { 0 => "F", 1 => "M", _ => null },
            AgeBand = bands[random.Next(bands.Length)],
            RegionOfOrigin = regions[random.Next(regions.Length)],
            RecordedAt = recorded,
        }).ToList();
        await using var connection = await node.OpenAsync();
        if (connection is NpgsqlConnection pg)
        {
            await FactBulkWriter.CopyAsync(pg, facts);
            return;
        }

        var sqlite = (SqliteConnection)connection;
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        FactBulkWriter.Insert(sqlite, transaction, facts);
        await transaction.CommitAsync();
    }

    /// <summary>A national extract: unique people, half with a passport, some names in Cyrillic.</summary>
    private static string Extract(int rows)
    {
        string[] family = ["Karimov", "Tursunova", "Ergashev", "Yusupova", "Rahimov", "Сафарова", "Норматов", "Qodirova"];
        string[] given = ["Aziz", "Malika", "Jasur", "Dilnoza", "Bekzod", "Гулнора", "Шерзод", "Nodira"];
        var text = new StringBuilder("family_name,given_name,birth_date,sex,citizenship,region,document_number\n");
        for (var i = 0; i < rows; i++)
        {
            var birth = new DateOnly(1970, 1, 1).AddDays(i % 12_000);
            text.Append(CultureInfo.InvariantCulture,
                $"{family[i % family.Length]}{Suffix(i / 8)},{given[(i / 3) % given.Length]},{birth:yyyy-MM-dd},{(i % 2 == 0 ? "M" : "F")},UZ,UZ-SA,{(i % 2 == 0 ? $"FA{i:D7}" : "")}\n");
        }

        return text.ToString();
    }

    /// <summary>Letters, not digits, so that every family name is a different real-looking name to the matcher.</summary>
    private static string Suffix(int n)
    {
        var letters = new StringBuilder();
        do
        {
            letters.Append((char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return letters.ToString();
    }

    private static async Task WaitForAsync(Func<bool> done, string what, int poll = 100) => await WaitForAsync(() => Task.FromResult(done()), what, poll);

    private static async Task WaitForAsync(Func<Task<bool>> done, string what, int poll = 100)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited two minutes for {what}.");
            }

            await Task.Delay(poll);
        }
    }

    /// <summary>A way to break the node, and what brings it back (nothing, for the node: the test starts it again).</summary>
    private sealed record Fault(string Name, bool KillsTheNode, Func<NodeProcess, Task> InjectAsync, Func<Task> RecoverAsync);
}
