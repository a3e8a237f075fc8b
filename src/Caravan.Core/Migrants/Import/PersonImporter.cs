using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Caravan.Core.Migrants.Import;

/// <summary>What an import checks rows against: the node's country, and the codes a row may use.</summary>
public sealed record ImportReferenceData(string NodeCountry, IReadOnlySet<string> Countries, IReadOnlySet<string> Regions);

public sealed record ImportProgress(long Rows, long Imported, long Failed, long BytesDone, long BytesTotal, double RowsPerSecond)
{
    public double Percent => BytesTotal == 0 ? 0 : Math.Min(100, 100.0 * BytesDone / BytesTotal);
}

/// <summary>
/// Bulk import of persons from a national database extract (docs/registry-import.md). Rows are read as a stream,
/// checked, given canonical name keys and encrypted documents on both cores, and written in batches with
/// PostgreSQL's binary COPY (or one prepared INSERT on SQLite), because SaveChanges is some 20 times slower. Each batch
/// commits with the import's progress, so a crash loses at most the batch in flight and a resume starts after it.
/// Persons are then matched against the whole registry: certain duplicates are merged, possible ones queued.
/// </summary>
public sealed class PersonImporter(CaravanDbContext db, SensitiveData sensitive, TimeProvider time, ImportMatcher matcher)
{
    public const int BatchSize = 5_000;
    public const int MaxStoredErrors = 10_000;

    public static readonly IReadOnlyList<string> Columns = ["family_name", "given_name", "patronymic", "birth_date", "sex", "citizenship", "region", "document_number", "phone"];
    public static readonly IReadOnlyList<string> RequiredColumns = ["family_name", "given_name", "birth_date", "sex", "citizenship"];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<RegistryImport> CreateAsync(string fileName, string? storageKey, string sha256, long length, Guid? userId, CancellationToken cancellationToken = default)
    {
        var import = new RegistryImport
        {
            FileName = Path.GetFileName(fileName),
            StorageKey = storageKey,
            Sha256 = sha256,
            BytesTotal = length,
            CreatedById = userId,
            CreatedAt = Now,
            Status = ImportStatus.Queued,
        };
        db.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return import;
    }

    /// <summary>Runs (or resumes) an import to the end. Safe to call again after a crash or a cancellation.</summary>
    public async Task RunAsync(Guid importId, Stream file, ImportReferenceData reference, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(reference);
        var import = await db.Set<RegistryImport>().SingleAsync(i => i.Id == importId, cancellationToken);
        if (import.Status is ImportStatus.Completed)
        {
            return;
        }

        import.StartedAt ??= Now;
        if (import.Status is ImportStatus.Queued or ImportStatus.Failed && import.LoadedAt is null)
        {
            import.Status = ImportStatus.Loading;
            import.FailureKey = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        if (import.Status == ImportStatus.Loading)
        {
            await LoadAsync(import, file, reference, progress, cancellationToken);
            if (import.Status == ImportStatus.Failed)
            {
                return;
            }
        }

        await matcher.MatchAsync(import, cancellationToken);
    }

    private async Task LoadAsync(RegistryImport import, Stream file, ImportReferenceData reference, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var resumedAt = import.LastRow;
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = _ => badData = true,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            await FailAsync(import, "Import.Empty", null, cancellationToken);
            return;
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (RequiredColumns.FirstOrDefault(c => !header.Contains(c)) is { } missingColumn)
        {
            await FailAsync(import, "Import.MissingColumn", missingColumn, cancellationToken);
            return;
        }

        var at = Columns.Select(c => header.IndexOf(c)).ToArray();
        // Reading and the CPU work on the next batch overlap the database's work on this one; only the writer touches the DbContext.
        var channel = Channel.CreateBounded<ReadyBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ReadAsync(csv, at, () =>
        {
            var bad = badData;
            badData = false;
            return bad;
        }, import.Id, import.LastRow, reference, file, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await WriteBatchAsync(import, batch, cancellationToken);
                    if (batch.Full)
                    {
                        progress?.Report(Progress(import, batch.Position ?? import.BytesDone, batch.LastRow - resumedAt, clock.Elapsed));
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            await producer;
        }

        var row = await producer;
        import.BytesDone = import.BytesTotal;
        import.LoadedAt = Now;
        import.Status = ImportStatus.Matching;
        await db.SaveChangesAsync(cancellationToken);
        progress?.Report(Progress(import, SafePosition(file, import.BytesDone), row - resumedAt, clock.Elapsed));
    }

    /// <summary>A batch checked and encrypted, waiting for the writer; Position is how far the file had been read at its last row.</summary>
    private sealed record ReadyBatch(long LastRow, int Count, long? Position, bool Full, PreparedPerson?[] Rows, int FailedRows, List<RegistryImportError> Errors);

    /// <summary>Reads rows and prepares them a batch at a time; returns the number of the last row read. Errors end the channel.</summary>
    private async Task<long> ReadAsync(CsvReader csv, int[] at, Func<bool> takeBadData, Guid importId, long skip, ImportReferenceData reference, Stream file,
        ChannelWriter<ReadyBatch> output, CancellationToken cancellationToken)
    {
        long row = 0;
        try
        {
            var batch = new List<(long Row, string?[] Fields)>(BatchSize);
            while (await csv.ReadAsync())
            {
                row++;
                if (row <= skip)
                {
                    continue;
                }

                var fields = new string?[at.Length];
                for (var c = 0; c < at.Length; c++)
                {
                    fields[c] = at[c] < 0 ? null : csv.GetField(at[c]);
                }

                if (takeBadData())
                {
                    // A stray quote makes the row's fields unreliable: report it instead of guessing.
                    fields[0] = "\u0000";
                }

                batch.Add((row, fields));
                if (batch.Count == BatchSize)
                {
                    await output.WriteAsync(Prepare(importId, batch, reference, Position(file), full: true, cancellationToken), cancellationToken);
                    batch = new List<(long Row, string?[] Fields)>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync(Prepare(importId, batch, reference, Position(file), full: false, cancellationToken), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception e)
        {
            // The writer sees the reader's failure (or the cancellation) as its own.
            output.Complete(e);
        }

        return row;
    }

    private static ImportProgress Progress(RegistryImport import, long position, long rowsThisRun, TimeSpan elapsed) =>
        new(import.LastRow, import.RowsImported, import.RowsFailed, position, import.BytesTotal,
            elapsed.TotalSeconds > 0 ? rowsThisRun / elapsed.TotalSeconds : 0);

    private static long SafePosition(Stream file, long fallback) => file.CanSeek ? file.Position : fallback;

    private static long? Position(Stream file) => file.CanSeek ? file.Position : null;

    private async Task FailAsync(RegistryImport import, string key, string? argument, CancellationToken cancellationToken)
    {
        import.Status = ImportStatus.Failed;
        import.FailureKey = key;
        import.FailureArgument = argument;
        import.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
    }


    private ReadyBatch Prepare(Guid importId, List<(long Row, string?[] Fields)> batch, ImportReferenceData reference, long? position, bool full, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Now);
        var prepared = new PreparedPerson?[batch.Count];
        var rows = new ImportRowCheck(sensitive);
        var errors = new List<RegistryImportError>?[batch.Count];
        // Keys, hashes and encryption are the CPU-heavy part; rows are independent, so both cores share them.
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (row, f) = batch[i];
            prepared[i] = rows.Check(importId, row, f, reference, today, ref errors[i], i);
        });

        var failedRows = 0;
        var allErrors = new List<RegistryImportError>();
        foreach (var rowErrors in errors)
        {
            if (rowErrors is not null)
            {
                failedRows++;
                allErrors.AddRange(rowErrors);
            }
        }

        return new ReadyBatch(batch[^1].Row, batch.Count, position, full, prepared, failedRows, allErrors);
    }

    private async Task WriteBatchAsync(RegistryImport import, ReadyBatch batch, CancellationToken cancellationToken)
    {
        var first = await db.ReserveAsync(RegistryCommands.SequenceName, batch.Count, RegistryCommands.SequenceStart, cancellationToken);
        var valid = new List<PreparedPerson>(batch.Count - batch.FailedRows);
        foreach (var p in batch.Rows)
        {
            if (p is not null)
            {
                valid.Add(p);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = Now;
        if (db.Database.IsNpgsql())
        {
            // A batch and the progress that records it commit together, so a crash that loses the last commits loses
            // both and the resume reads those rows again: waiting for each commit to reach the disk buys nothing here.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", cancellationToken);
            await PersonBulkWriter.CopyPersonsAsync((NpgsqlConnection)db.Database.GetDbConnection(), valid, first, import.Id, now, cancellationToken);
            await FactBulkWriter.CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), PersonBulkWriter.RegistrationFacts(valid, now), cancellationToken);
        }
        else
        {
            PersonBulkWriter.InsertPersons((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction(), valid, first, import.Id, now, cancellationToken);
            FactBulkWriter.Insert((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction(), PersonBulkWriter.RegistrationFacts(valid, now));
        }

        if (batch.Errors.Count > 0)
        {
            var room = MaxStoredErrors - await db.Set<RegistryImportError>().CountAsync(e => e.ImportId == import.Id, cancellationToken);
            if (room > 0)
            {
                db.AddRange(batch.Errors.Take(room));
            }
        }

        import.LastRow = batch.LastRow;
        import.RowsImported += valid.Count;
        import.RowsFailed += batch.FailedRows;
        import.BytesDone = batch.Position ?? import.BytesDone;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
