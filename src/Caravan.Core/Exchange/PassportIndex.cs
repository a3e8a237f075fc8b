using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Exchange;

/// <summary>
/// Keeps, per partner with an agreed key, the hash of every registered passport number under that key. Rather than
/// hook every way a number is written (forms, change review, imports), it compares each row's source with the
/// person's own lookup hash and redoes what differs: whatever wrote the registry, the next catch-up sees it. The
/// job runs it every few minutes; a report that finds nobody runs it again before giving up.
/// </summary>
public sealed class PassportIndex(CaravanDbContext db, MatchingKeys keys, SensitiveData sensitive)
{
    private const int Batch = 500;

    /// <summary>Brings the partner's index up to the registry; returns how many rows it wrote or removed.</summary>
    public async Task<int> CatchUpAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var key = await keys.KeyAsync(partnerId, cancellationToken);
        if (key is null)
        {
            return 0;
        }

        // A number removed from a record, or a record erased: its row goes.
        var changed = await db.Set<PartnerPassportHash>()
            .Where(h => h.PartnerId == partnerId && !db.Set<Person>().Any(p => p.Id == h.PersonId && p.DocumentHash != null))
            .ExecuteDeleteAsync(cancellationToken);
        while (true)
        {
            var stale = await (from p in db.Set<Person>().AsNoTracking()
                               where p.DocumentHash != null && p.DocumentCipher != null
                                   && !db.Set<PartnerPassportHash>().Any(h => h.PartnerId == partnerId && h.PersonId == p.Id && h.SourceHash == p.DocumentHash)
                               orderby p.Id
                               select new { p.Id, p.DocumentHash, p.DocumentCipher })
                .Take(Batch).ToListAsync(cancellationToken);
            if (stale.Count == 0)
            {
                return changed;
            }

            var ids = stale.Select(s => s.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<PartnerPassportHash>().Where(h => h.PartnerId == partnerId && ids.Contains(h.PersonId)).ExecuteDeleteAsync(cancellationToken);

            // One multi-row insert per batch, outside the change tracker: the index is derived, and an audit entry per
            // row would write the registry's size into the trail each time a key changes.
            var values = new List<string>(stale.Count);
            var parameters = new List<object>(stale.Count * 4);
            foreach (var s in stale)
            {
                var at = parameters.Count;
                values.Add($"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}})");
                parameters.Add(partnerId);
                parameters.Add(s.Id);
                parameters.Add(PassportHashes.Compute(key, sensitive.Unprotect(s.DocumentCipher!)));
                parameters.Add(s.DocumentHash!);
            }

            // Only parameter placeholders are concatenated; every value is a parameter.
#pragma warning disable EF1003
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO partner_passport_hashes (partner_id, person_id, hash, source_hash) VALUES " + string.Join(", ", values),
                parameters, cancellationToken);
#pragma warning restore EF1003
            await transaction.CommitAsync(cancellationToken);
            changed += stale.Count;
        }
    }

    /// <summary>Catches up the index of every partner with an agreed key.</summary>
    public async Task<int> CatchUpAllAsync(CancellationToken cancellationToken = default)
    {
        var partners = await db.Set<PartnerMatchingKey>().AsNoTracking().Select(k => k.PartnerId).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var partner in partners)
        {
            changed += await CatchUpAsync(partner, cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// The registry record each hash names: a merged record speaks through the one it was merged into, and a hash
    /// that two live records share names nobody, since a report must not land on the wrong person.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Guid>> FindAsync(Guid partnerId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await (from h in db.Set<PartnerPassportHash>().AsNoTracking()
                              join p in db.Set<Person>() on h.PersonId equals p.Id
                              where h.PartnerId == partnerId && chunk.Contains(h.Hash) && p.Status != PersonStatus.Draft
                              select new { h.Hash, Id = p.MergedIntoId ?? p.Id })
                .ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(r => r.Hash, StringComparer.Ordinal))
            {
                var people = group.Select(r => r.Id).Distinct().ToList();
                if (people.Count == 1)
                {
                    found[group.Key] = people[0];
                }
            }
        }

        return found;
    }
}
