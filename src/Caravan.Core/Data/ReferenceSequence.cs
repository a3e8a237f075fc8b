using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Data;

/// <summary>
/// Numbers for public references (VAC-…). One row per prefix, advanced with a single UPDATE, so concurrent
/// requests and replicas never hand out the same number; a failed save only leaves a gap.
/// </summary>
public sealed class ReferenceSequence
{
    public required string Name { get; set; }
    public long NextValue { get; set; }
}

internal sealed class ReferenceSequenceMapping : IEntityTypeConfiguration<ReferenceSequence>
{
    public void Configure(EntityTypeBuilder<ReferenceSequence> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(10);
    }
}

public static class ReferenceSequences
{
    /// <summary>Reserves <paramref name="count"/> consecutive numbers and returns the first.</summary>
    public static async Task<long> ReserveAsync(this CaravanDbContext db, string name, int count, long start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var attempt = 0; ; attempt++)
        {
            // One statement that advances and reads: an UPDATE followed by a SELECT let two concurrent requests read
            // the same value between them (found by the fault tests' concurrent tips). Not composed further, so EF
            // sends it as written; RETURNING is in both engines (SQLite since 3.35).
            var next = await db.Database
                .SqlQuery<long>($"UPDATE reference_sequence SET next_value = next_value + {count} WHERE name = {name} RETURNING next_value AS \"Value\"")
                .ToListAsync(cancellationToken);
            if (next.Count == 1)
            {
                return next[0] - count;
            }

            if (attempt > 0)
            {
                throw new InvalidOperationException($"Reference sequence {name} could not be created.");
            }

            try
            {
                db.Add(new ReferenceSequence { Name = name, NextValue = start });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another request created it first; the retry will advance it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
