using Caravan.Core.Data;
using Caravan.Core.Migrants.Matching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Caravan.Core.Migrants.Import;

/// <summary>
/// Matches a loaded import's persons against the registry. Certain pairs are merged at once (a national extract is not a
/// person asking for an account, so no one gains access through a merge); possible ones are queued for an officer.
/// </summary>
/// <remarks>
/// A small import is matched against the records it can pair with, not the whole registry: those that may share a
/// blocking key with an imported person (a name prefix with the birth year or the day and month, or a passport), with
/// the name frequencies of the whole registry counted by the database for the names involved. So a daily extract of a few rows costs what its neighbours
/// cost, not what a million records cost, and its pairs and weights are those a whole-registry run would give
/// (<c>ImportTests</c> compares the two).
/// </remarks>
public sealed class ImportMatcher(CaravanDbContext db, TimeProvider time)
{
    /// <summary>An import of at least this share of the registry is matched against all of it: its names reach most records anyway.</summary>
    public const double WholeRegistryShare = 0.25;

    private sealed record Row(Guid Id, string GivenKey, string FamilyKey, string? PatronymicKey, DateOnly BirthDate, Sex? Sex, string? DocumentHash, Guid? ImportId, DateTime CreatedAt, Guid? UserId);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private IQueryable<Person> Active => db.Set<Person>().AsNoTracking().Where(p => p.Status == PersonStatus.Active && p.BirthDate != null);

    public async Task MatchAsync(RegistryImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var population = await Active.CountAsync(cancellationToken);
        var imported = await Rows(Active.Where(p => p.ImportId == import.Id)).ToListAsync(cancellationToken);
        List<Row> rows;
        NameFrequencies? frequencies;
        if (imported.Count >= population * WholeRegistryShare)
        {
            rows = await Rows(Active).ToListAsync(cancellationToken);
            frequencies = population >= Deduplicator.MinPopulationForFrequencies ? NameFrequencies.Count(rows.Select(Features)) : null;
        }
        else
        {
            rows = [.. imported, .. await NeighboursAsync(import.Id, imported, cancellationToken)];
            frequencies = population >= Deduplicator.MinPopulationForFrequencies ? await FrequenciesAsync(rows, population, cancellationToken) : null;
        }

        var byId = rows.ToDictionary(r => r.Id);
        var focus = imported.Select(r => r.Id).ToHashSet();
        var pairs = Deduplicator.FindPairsAround([.. rows.Select(Features)], focus, MatchModel.Default, population, frequencies)
            .OrderByDescending(p => p.Result.Weight)
            .ToList();
        var ofImport = db.Set<Person>().Where(p => p.ImportId == import.Id).Select(p => p.Id);
        var known = (await db.Set<DuplicateCandidate>().AsNoTracking()
                .Where(d => ofImport.Contains(d.KeepId) || ofImport.Contains(d.OtherId))
                .Select(d => new { d.KeepId, d.OtherId }).ToListAsync(cancellationToken))
            .SelectMany(d => new[] { (d.KeepId, d.OtherId), (d.OtherId, d.KeepId) }).ToHashSet();
        var merged = new HashSet<Guid>();
        var now = Now;
        var candidates = new List<DuplicateCandidate>();
        var merges = new List<(Guid Other, Guid Keep)>();
        foreach (var pair in pairs)
        {
            var a = byId[pair.First];
            var b = byId[pair.Second];
            var (keep, other) = a.CreatedAt <= b.CreatedAt ? (a, b) : (b, a);
            if (known.Contains((keep.Id, other.Id)))
            {
                continue;
            }

            // A record merged in this pass no longer stands alone; a chain is left for an officer rather than guessed.
            var autoMerge = pair.Result.Class == MatchClass.Certain && other.UserId is null && !merged.Contains(keep.Id) && !merged.Contains(other.Id);
            if (autoMerge)
            {
                merged.Add(other.Id);
                merges.Add((other.Id, keep.Id));
            }

            candidates.Add(new DuplicateCandidate
            {
                KeepId = keep.Id,
                OtherId = other.Id,
                Weight = Math.Round(pair.Result.Weight, 2),
                Certain = pair.Result.Class == MatchClass.Certain,
                Reasons = [.. pair.Result.Reasons.Select(r => r.ToString())],
                Status = autoMerge ? DuplicateStatus.Merged : DuplicateStatus.Open,
                FoundAt = now,
                DecidedAt = autoMerge ? now : null,
            });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in merges.Chunk(1_000))
        {
            var ids = chunk.Select(c => c.Other).ToList();
            var persons = await db.Set<Person>().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            var keepOf = chunk.ToDictionary(c => c.Other, c => c.Keep);
            foreach (var person in persons)
            {
                person.Status = PersonStatus.Merged;
                person.MergedIntoId = keepOf[person.Id];
                person.UpdatedAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        // Pairs are written in bulk, as the persons were: at a million records there are hundreds of thousands, and one
        // tracked entity and audit row each took most of the matching time. The import's own audited counts record them.
        foreach (var chunk in candidates.Chunk(PersonImporter.BatchSize))
        {
            if (db.Database.IsNpgsql())
            {
                await PersonBulkWriter.CopyCandidatesAsync((NpgsqlConnection)db.Database.GetDbConnection(), chunk, cancellationToken);
            }
            else
            {
                PersonBulkWriter.InsertCandidates((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction(), chunk, cancellationToken);
            }
        }

        var tracked = await db.Set<RegistryImport>().SingleAsync(i => i.Id == import.Id, cancellationToken);
        tracked.PairsMerged = merges.Count;
        tracked.PairsForReview = candidates.Count - merges.Count;
        tracked.Status = ImportStatus.Completed;
        tracked.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        import.Status = tracked.Status;
        import.PairsMerged = tracked.PairsMerged;
        import.PairsForReview = tracked.PairsForReview;
    }

    private static IQueryable<Row> Rows(IQueryable<Person> persons) =>
        persons.Select(p => new Row(p.Id, p.GivenKey, p.FamilyKey, p.PatronymicKey, p.BirthDate!.Value, p.Sex, p.DocumentHash, p.ImportId, p.CreatedAt, p.UserId));

    private static PersonFeatures Features(Row r) => new(r.Id, r.GivenKey, r.FamilyKey, r.PatronymicKey, r.BirthDate,
        r.Sex switch { Migrants.Sex.Female => MatchSex.Female, Migrants.Sex.Male => MatchSex.Male, null => MatchSex.Unknown, _ => MatchSex.Unknown },
        r.DocumentHash is null ? null : Convert.FromHexString(r.DocumentHash));

    /// <summary>The active records outside the import that may share a blocking key with one of its persons (see <see cref="Deduplicator.OwnCodes"/>).</summary>
    private async Task<List<Row>> NeighboursAsync(Guid importId, List<Row> imported, CancellationToken cancellationToken)
    {
        var codes = imported.SelectMany(r => Deduplicator.CodesToMeet(Features(r))).Distinct().ToList();
        var documents = imported.Where(r => r.DocumentHash is not null).Select(r => r.DocumentHash!).Distinct().ToList();
        // The same codes as OwnCodes, made by the database for each record, so that only the neighbours travel. This is
        // SQL, not .NET: the database's own text of a number has no culture, and a span cannot be translated.
#pragma warning disable CA1305, CA1845
        return await Rows(Active.Where(p => p.ImportId != importId)
                .Where(p => codes.Contains(p.FamilyKey.Replace(" ", "").Substring(0, 3) + "|" + p.BirthDate!.Value.Year.ToString())
                    || codes.Contains(p.GivenKey.Replace(" ", "").Substring(0, 3) + "|" + p.BirthDate!.Value.Year.ToString())
                    || codes.Contains(p.FamilyKey.Replace(" ", "").Substring(0, 3) + "|" + p.BirthDate!.Value.Day.ToString() + "." + p.BirthDate!.Value.Month.ToString())
                    || codes.Contains(p.GivenKey.Replace(" ", "").Substring(0, 3) + "|" + p.BirthDate!.Value.Day.ToString() + "." + p.BirthDate!.Value.Month.ToString())
                    || (p.DocumentHash != null && documents.Contains(p.DocumentHash))))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1305, CA1845
    }

    /// <summary>
    /// The registry's name frequencies for the names of <paramref name="rows"/>: each of their family, given and
    /// patronymic keys counted where it stands, and every record whose two names are one of theirs, either way round,
    /// counted by its three keys for the full-name shares.
    /// </summary>
    private async Task<NameFrequencies> FrequenciesAsync(List<Row> rows, int population, CancellationToken cancellationToken)
    {
        var families = rows.Select(r => r.FamilyKey).Where(k => k.Length > 0).Distinct().ToList();
        var givens = rows.Select(r => r.GivenKey).Where(k => k.Length > 0).Distinct().ToList();
        var patronymics = rows.Where(r => !string.IsNullOrEmpty(r.PatronymicKey)).Select(r => r.PatronymicKey!).Distinct().ToList();
        var fullNames = rows.Where(r => r.FamilyKey.Length > 0 && r.GivenKey.Length > 0)
            .SelectMany(r => new[] { r.FamilyKey + "|" + r.GivenKey, r.GivenKey + "|" + r.FamilyKey }).Distinct().ToList();
        var family = await Active.Where(p => families.Contains(p.FamilyKey)).GroupBy(p => p.FamilyKey)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var given = await Active.Where(p => givens.Contains(p.GivenKey)).GroupBy(p => p.GivenKey)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var patronymic = await Active.Where(p => p.PatronymicKey != null && patronymics.Contains(p.PatronymicKey)).GroupBy(p => p.PatronymicKey!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var groups = await Active.Where(p => fullNames.Contains(p.FamilyKey + "|" + p.GivenKey))
            .GroupBy(p => new { p.FamilyKey, p.GivenKey, p.PatronymicKey })
            .Select(g => new { g.Key.FamilyKey, g.Key.GivenKey, g.Key.PatronymicKey, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return NameFrequencies.FromCounts(family, given, patronymic, population, groups.Select(g => new NameGroup(g.FamilyKey, g.GivenKey, g.PatronymicKey, g.Count)));
    }
}
