using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Coordination;

/// <summary>Where a shared activity, or a country's follow-up of a recommendation, stands. The wire names are camel case.</summary>
public enum PlanStatus
{
    Planned,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}

/// <summary>
/// A joint action plan between countries, such as the 2026 Uzbekistan–Kazakhstan plan under their agreement. The
/// regional secretariat keeps it on the hub; every party's node holds a copy, kept the same by ActionPlanUpdate
/// messages. Nothing in a plan is about a person.
/// </summary>
public sealed class ActionPlan : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The plan's code, the same on every node, for example UZ-KZ-2026.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    /// <summary>The parties' ISO alpha-2 codes, comma-separated and sorted: "KZ,UZ".</summary>
    public required string Parties { get; set; }

    public int Year { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<PlanActivity> Activities { get; set; } = [];

    public List<PlanIndicator> Indicators { get; set; } = [];

    public List<PlanRecommendation> Recommendations { get; set; } = [];

    public Guid Version { get; set; }

    public IReadOnlyList<string> PartyList => Parties.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class PlanActivity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PlanId { get; set; }

    /// <summary>The activity's number in the plan, for example 2.3.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    public DateOnly? Deadline { get; set; }

    /// <summary>Each party's share: its lead agency, status and notes.</summary>
    public List<PlanActivityPart> Parts { get; set; } = [];
}

public sealed class PlanActivityPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActivityId { get; set; }

    public required string Country { get; set; }

    public required string Lead { get; set; }

    public PlanStatus Status { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the change in force was made, on whichever node made it; an older change never overwrites a newer one.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A plan indicator: baseline, target, and each party's actual value. When it is linked to one of Caravan's own
/// indicators, each country's node computes the actual value from its published statistics and sends it.
/// </summary>
public sealed class PlanIndicator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PlanId { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }

    public string? Unit { get; set; }

    public decimal? Baseline { get; set; }

    public decimal? Target { get; set; }

    /// <summary>The code of the Caravan indicator whose published total gives the actual value, if any.</summary>
    public string? Linked { get; set; }

    public List<PlanIndicatorValue> Values { get; set; } = [];
}

public sealed class PlanIndicatorValue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid IndicatorId { get; set; }

    public required string Country { get; set; }

    public decimal Actual { get; set; }

    /// <summary>The day the value was taken.</summary>
    public DateOnly On { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A recommendation of a regional coordination meeting to the plan's parties, with each party's follow-up.</summary>
public sealed class PlanRecommendation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PlanId { get; set; }

    public required string Code { get; set; }

    /// <summary>The meeting that adopted it, for example "Regional coordination meeting, Almaty, October 2026".</summary>
    public required string Meeting { get; set; }

    public required string Text { get; set; }

    public List<RecommendationFollowUp> FollowUps { get; set; } = [];
}

public sealed class RecommendationFollowUp
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RecommendationId { get; set; }

    public required string Country { get; set; }

    public PlanStatus Status { get; set; }

    public string? Notes { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ActionPlanMappings :
    IEntityTypeConfiguration<ActionPlan>, IEntityTypeConfiguration<PlanActivity>, IEntityTypeConfiguration<PlanActivityPart>,
    IEntityTypeConfiguration<PlanIndicator>, IEntityTypeConfiguration<PlanIndicatorValue>, IEntityTypeConfiguration<PlanRecommendation>,
    IEntityTypeConfiguration<RecommendationFollowUp>
{
    public void Configure(EntityTypeBuilder<ActionPlan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Code).HasMaxLength(PlanLimits.Code);
        builder.Property(p => p.Title).HasMaxLength(PlanLimits.Title);
        builder.Property(p => p.Parties).HasMaxLength(100);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.HasMany(p => p.Activities).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Indicators).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Recommendations).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.PartyList);
    }

    public void Configure(EntityTypeBuilder<PlanActivity> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Code).HasMaxLength(PlanLimits.Code);
        builder.Property(a => a.Title).HasMaxLength(PlanLimits.Title);
        builder.HasIndex(a => new { a.PlanId, a.Code }).IsUnique();
        builder.HasMany(a => a.Parts).WithOne().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanActivityPart> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.Lead).HasMaxLength(PlanLimits.Lead);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Notes).HasMaxLength(PlanLimits.Notes);
        builder.HasIndex(p => new { p.ActivityId, p.Country }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanIndicator> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Code).HasMaxLength(PlanLimits.Code);
        builder.Property(i => i.Title).HasMaxLength(PlanLimits.Title);
        builder.Property(i => i.Unit).HasMaxLength(40);
        builder.Property(i => i.Linked).HasMaxLength(100);
        builder.Property(i => i.Baseline).HasPrecision(20, 4);
        builder.Property(i => i.Target).HasPrecision(20, 4);
        builder.HasIndex(i => new { i.PlanId, i.Code }).IsUnique();
        builder.HasMany(i => i.Values).WithOne().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanIndicatorValue> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Country).HasMaxLength(2);
        builder.Property(v => v.Actual).HasPrecision(20, 4);
        builder.HasIndex(v => new { v.IndicatorId, v.Country }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PlanRecommendation> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Code).HasMaxLength(PlanLimits.Code);
        builder.Property(r => r.Meeting).HasMaxLength(PlanLimits.Lead);
        builder.Property(r => r.Text).HasMaxLength(PlanLimits.Notes);
        builder.HasIndex(r => new { r.PlanId, r.Code }).IsUnique();
        builder.HasMany(r => r.FollowUps).WithOne().HasForeignKey(f => f.RecommendationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RecommendationFollowUp> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Country).HasMaxLength(2);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Notes).HasMaxLength(PlanLimits.Notes);
        builder.HasIndex(f => new { f.RecommendationId, f.Country }).IsUnique();
    }
}

public static class PlanLimits
{
    public const int Code = 40;
    public const int Title = 300;
    public const int Lead = 200;
    public const int Notes = 2000;
}
