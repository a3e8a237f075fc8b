using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Statistics;

/// <summary>
/// One pre-aggregated cell: an indicator in a month at the finest combination of its own dimensions. Dimensions an
/// indicator does not have, and unknown values, are stored as "" so that the key has no nulls (a unique key with
/// nulls would let PostgreSQL keep two rows for the same cell).
/// </summary>
public sealed class StatCell
{
    public required string Indicator { get; set; }

    /// <summary>Year × 100 + month, e.g. 202611.</summary>
    public int Month { get; set; }

    public string Sex { get; set; } = string.Empty;
    public string AgeBand { get; set; } = string.Empty;
    public string Region { get; set; } = string.Empty;
    public string Destination { get; set; } = string.Empty;
    public string Occupation { get; set; } = string.Empty;

    /// <summary>The agency's id ("N" format), kept stable when a licence number changes.</summary>
    public string Agency { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;

    /// <summary>How many facts contributed: people or events.</summary>
    public long Contributors { get; set; }

    /// <summary>The sum of the contributions: the count itself for counts, the amount or the per-worker ratio for magnitudes.</summary>
    public decimal Value { get; set; }

    /// <summary>The largest and second largest single contributions, for the dominance rule of disclosure control.</summary>
    public decimal Largest { get; set; }

    public decimal SecondLargest { get; set; }
}

/// <summary>
/// A cell of one of an indicator's small tables: the total, each one-way table and each two-way table of its
/// dimensions, by month. Every published answer is a table of at most two dimensions, so it reads a few of these rows
/// instead of grouping the finest cells; they are folded from the same facts, in the same transaction.
/// </summary>
public sealed class StatPair
{
    public required string Indicator { get; set; }

    /// <summary>The table's dimensions, "sex+destination" ("" for the total), in <see cref="Dimension"/> order.</summary>
    public required string Grouping { get; set; }

    public int Month { get; set; }

    /// <summary>The stored value on the table's first dimension ("" when the table has none).</summary>
    public string Key1 { get; set; } = string.Empty;

    /// <summary>The stored value on the table's second dimension ("" when the table has fewer than two).</summary>
    public string Key2 { get; set; } = string.Empty;

    public long Contributors { get; set; }
    public decimal Value { get; set; }
    public decimal Largest { get; set; }
    public decimal SecondLargest { get; set; }
}

/// <summary>How far the aggregates have folded the fact table; one row.</summary>
public sealed class StatFoldState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Every fact recorded at or before this instant is in the aggregates, and none after it.</summary>
    public DateTime FoldedThrough { get; set; }

    /// <summary>Goes up with every fold or rebuild that changed the aggregates; answers' ETags are built on it.</summary>
    public long Version { get; set; }

    public DateTime? FoldedAt { get; set; }

    public DateTime? RebuiltAt { get; set; }
}

/// <summary>
/// When each fact kind started being written live, and whether the records made before it have been backfilled.
/// The migration that introduced a kind inserts its row, so the backfill knows which records predate it.
/// </summary>
public sealed class FactKindStatus
{
    public FactKind Kind { get; set; }

    public DateTime IntroducedAt { get; set; }

    public DateTime? BackfilledAt { get; set; }

    public long Backfilled { get; set; }
}

internal sealed class StatCellMapping : IEntityTypeConfiguration<StatCell>
{
    public void Configure(EntityTypeBuilder<StatCell> builder)
    {
        builder.HasKey(c => new { c.Indicator, c.Month, c.Sex, c.AgeBand, c.Region, c.Destination, c.Occupation, c.Agency, c.Category });
        builder.Property(c => c.Indicator).HasMaxLength(40);
        builder.Property(c => c.Sex).HasMaxLength(1);
        builder.Property(c => c.AgeBand).HasMaxLength(10);
        builder.Property(c => c.Region).HasMaxLength(10);
        builder.Property(c => c.Destination).HasMaxLength(2);
        builder.Property(c => c.Occupation).HasMaxLength(1);
        builder.Property(c => c.Agency).HasMaxLength(32);
        builder.Property(c => c.Category).HasMaxLength(24);
        builder.Property(c => c.Value).HasPrecision(20, 6);
        builder.Property(c => c.Largest).HasPrecision(20, 6);
        builder.Property(c => c.SecondLargest).HasPrecision(20, 6);
    }
}

internal sealed class StatPairMapping : IEntityTypeConfiguration<StatPair>
{
    public void Configure(EntityTypeBuilder<StatPair> builder)
    {
        builder.HasKey(c => new { c.Indicator, c.Grouping, c.Month, c.Key1, c.Key2 });
        builder.Property(c => c.Indicator).HasMaxLength(40);
        builder.Property(c => c.Grouping).HasMaxLength(40);
        builder.Property(c => c.Key1).HasMaxLength(32);
        builder.Property(c => c.Key2).HasMaxLength(32);
        builder.Property(c => c.Value).HasPrecision(20, 6);
        builder.Property(c => c.Largest).HasPrecision(20, 6);
        builder.Property(c => c.SecondLargest).HasPrecision(20, 6);
    }
}

internal sealed class StatFoldStateMapping : IEntityTypeConfiguration<StatFoldState>
{
    public void Configure(EntityTypeBuilder<StatFoldState> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class FactKindStatusMapping : IEntityTypeConfiguration<FactKindStatus>
{
    public void Configure(EntityTypeBuilder<FactKindStatus> builder)
    {
        builder.HasKey(s => s.Kind);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
