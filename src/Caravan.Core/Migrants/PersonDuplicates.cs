using Caravan.Core.Data;
using Caravan.Core.Migrants.Matching;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>
/// Duplicate records: found at registration by the batch matcher's blocks, decided by an officer (merge or dismiss),
/// and a wrong merge split again. Nothing is copied or deleted, so every history stays whole.
/// </summary>
public sealed class PersonDuplicates(CaravanDbContext db, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static PersonFeatures Features(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonFeatures(
            person.Id,
            person.GivenKey,
            person.FamilyKey,
            person.PatronymicKey,
            person.BirthDate ?? DateOnly.MinValue,
            person.Sex switch { Sex.Female => MatchSex.Female, Sex.Male => MatchSex.Male, null => MatchSex.Unknown, _ => MatchSex.Unknown },
            person.DocumentHash is null ? null : Convert.FromHexString(person.DocumentHash));
    }

    /// <summary>
    /// Finds candidate duplicates of one record by the same blocks the batch matcher uses (birth year and surname
    /// prefix; document hash; birth date with a given-name prefix), and queues every possible or certain pair for an
    /// officer. Self and assisted registrations are never merged automatically: a merge would give one account
    /// another person's record, so a person decides.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var prefix = NameKeys.SurnamePrefix(person.FamilyKey);
        var givenPrefix = NameKeys.SurnamePrefix(person.GivenKey);
        // The year as a date range, so that one birth-date index serves all three blocks.
        var yearStart = person.BirthDate is { } born ? new DateOnly(born.Year, 1, 1) : DateOnly.MaxValue;
        var yearEnd = yearStart == DateOnly.MaxValue ? DateOnly.MaxValue : yearStart.AddYears(1);
        var swapped = person.BirthDate is { } b && b.Day <= 12 && b.Day != b.Month ? new DateOnly(b.Year, b.Day, b.Month) : (DateOnly?)null;
        var candidates = await db.Set<Person>().AsNoTracking()
            .Where(p => p.Id != person.Id && p.Status == PersonStatus.Active)
            .Where(p => (p.BirthDate >= yearStart && p.BirthDate < yearEnd && (p.FamilyKey.StartsWith(prefix) || p.GivenKey.StartsWith(prefix)))
                || (person.DocumentHash != null && p.DocumentHash == person.DocumentHash)
                || ((p.BirthDate == person.BirthDate || p.BirthDate == swapped) && (p.GivenKey.StartsWith(givenPrefix) || p.FamilyKey.StartsWith(givenPrefix))))
            .Take(500)
            .ToListAsync(cancellationToken);
        var pairs = Deduplicator.Match(Features(person), candidates.Select(Features), MatchModel.Default);
        var found = new List<DuplicateCandidate>();
        foreach (var pair in pairs.Where(p => p.Result.Class != MatchClass.NonMatch))
        {
            var other = pair.First == person.Id ? pair.Second : pair.First;
            var otherPerson = candidates.Single(c => c.Id == other);
            // The older record stays: it is the one others (agencies, cases) already point to.
            var (keep, merge) = otherPerson.CreatedAt <= person.CreatedAt ? (other, person.Id) : (person.Id, other);
            if (await db.Set<DuplicateCandidate>().AnyAsync(d => (d.KeepId == keep && d.OtherId == merge) || (d.KeepId == merge && d.OtherId == keep), cancellationToken))
            {
                continue;
            }

            var candidate = new DuplicateCandidate
            {
                KeepId = keep,
                OtherId = merge,
                Weight = Math.Round(pair.Result.Weight, 2),
                Certain = pair.Result.Class == MatchClass.Certain,
                Reasons = [.. pair.Result.Reasons.Select(r => r.ToString())],
                FoundAt = Now,
            };
            db.Add(candidate);
            found.Add(candidate);
        }

        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    public async Task<List<DuplicateCandidate>> OpenDuplicatesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<DuplicateCandidate>().AsNoTracking().Where(d => d.Status == DuplicateStatus.Open)
            .OrderByDescending(d => d.Certain).ThenBy(d => d.FoundAt).Take(200).ToListAsync(cancellationToken);

    public async Task<DuplicateCandidate?> DuplicateAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Set<DuplicateCandidate>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>
    /// Merges the pair: the other record points to the kept one and stops appearing on its own. Nothing is copied or
    /// deleted, so both histories stay whole and a split restores exactly what was there.
    /// </summary>
    public async Task<bool> MergeAsync(DuplicateCandidate candidate, RegistryActor officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(officer);
        if (candidate.Status != DuplicateStatus.Open)
        {
            return false;
        }

        var keep = await db.Set<Person>().SingleAsync(p => p.Id == candidate.KeepId, cancellationToken);
        var other = await db.Set<Person>().SingleAsync(p => p.Id == candidate.OtherId, cancellationToken);
        if (keep.Status != PersonStatus.Active || other.Status != PersonStatus.Active)
        {
            return false;
        }

        if (keep.UserId is not null && other.UserId is not null)
        {
            // Two accounts cannot share one record; the person must sign in with one of them. Kept for review.
            return false;
        }

        if (keep.UserId is null && other.UserId is not null)
        {
            // The account follows the record that stays, so the person keeps seeing their own data.
            keep.UserId = other.UserId;
            other.UserId = null;
        }

        other.Status = PersonStatus.Merged;
        other.MergedIntoId = keep.Id;
        candidate.Status = DuplicateStatus.Merged;
        candidate.DecidedAt = Now;
        candidate.DecidedById = officer.UserId;
        RecordOnBoth(keep, other, PersonFields.Merge, officer);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DismissAsync(DuplicateCandidate candidate, RegistryActor officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(officer);
        if (candidate.Status != DuplicateStatus.Open)
        {
            return false;
        }

        candidate.Status = DuplicateStatus.Dismissed;
        candidate.DecidedAt = Now;
        candidate.DecidedById = officer.UserId;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Undoes a wrong merge: the merged record stands on its own again, with the rows it always had.</summary>
    public async Task<bool> SplitAsync(Person merged, RegistryActor officer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(officer);
        if (merged.Status != PersonStatus.Merged || merged.MergedIntoId is not { } keepId)
        {
            return false;
        }

        var keep = await db.Set<Person>().SingleAsync(p => p.Id == keepId, cancellationToken);
        merged.Status = PersonStatus.Active;
        merged.MergedIntoId = null;
        var candidate = await db.Set<DuplicateCandidate>().FirstOrDefaultAsync(d => d.KeepId == keepId && d.OtherId == merged.Id && d.Status == DuplicateStatus.Merged, cancellationToken);
        if (candidate is not null)
        {
            candidate.Status = DuplicateStatus.Split;
            candidate.DecidedAt = Now;
            candidate.DecidedById = officer.UserId;
        }

        RecordOnBoth(keep, merged, PersonFields.Split, officer);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A merge or split shows in both records' histories, each naming the other.</summary>
    private void RecordOnBoth(Person one, Person other, string field, RegistryActor officer)
    {
        foreach (var (person, named) in new[] { (one, other), (other, one) })
        {
            db.Add(new PersonChange { PersonId = person.Id, At = Now, ByUserId = officer.UserId, ByRole = officer.Role, Field = field, NewValue = named.Reference, Status = ChangeStatus.Applied });
        }
    }
}
