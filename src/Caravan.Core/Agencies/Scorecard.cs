using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Agencies;

/// <summary>
/// An agency's outcome-based scorecard for one period, computed from Caravan's own records by a scheduled job.
/// Counts are stored exact; the page shows small ones as "fewer than N" (<see cref="ScorecardOptions.MinimumCount"/>).
/// </summary>
public sealed class AgencyScorecard
{
    public Guid AgencyId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateTime ComputedAt { get; set; }
    public int VacanciesPublished { get; set; }
    public int PositionsOffered { get; set; }

    /// <summary>Workers placed through the agency (departures recorded through it).</summary>
    public int? PositionsFilled { get; set; }
    public int Inspections { get; set; }
    public int InspectionsWithViolations { get; set; }
    public int Sanctions { get; set; }
    public int FeeViolations { get; set; }

    /// <summary>Substantiated cases per 1,000 placed workers; null when no worker was placed, since the ratio is undefined.</summary>
    public decimal? CasesPer1000Placed { get; set; }

    /// <summary>Cases against the agency closed as substantiated in the period.</summary>
    public int CasesSubstantiated { get; set; }

    /// <summary>Share of the cases against the agency closed in the period that were resolved, in percent; null when none closed.</summary>
    public decimal? CasesResolvedPercent { get; set; }

    /// <summary>Money recovered for its workers through cases, in US dollars.</summary>
    public decimal? AmountRecoveredUsd { get; set; }
}

public sealed class ScorecardOptions
{
    public const string Section = "Scorecards";

    /// <summary>Counts from 1 to this minus one are published as "fewer than N", so no figure can single out a worker.</summary>
    [System.ComponentModel.DataAnnotations.Range(2, 100)]
    public int MinimumCount { get; set; } = 5;

    public int PeriodMonths { get; set; } = 12;

    public string Cron { get; set; } = "20 1 * * *";
}

/// <summary>Per agency over a period: workers placed, and cases against it (from the cases capability).</summary>
public interface IAgencyCaseCounts
{
    Task<IReadOnlyDictionary<Guid, AgencyCaseFigures>> CountAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken);
}

/// <summary>
/// Placed: departures recorded through the agency. Substantiated: cases closed as proven against it. Closed and
/// Resolved: all cases against it closed in the period, and those closed as resolved. RecoveredUsd: money recovered
/// for workers in those cases, in US dollars at the node's rates (null when a currency has no rate).
/// </summary>
public sealed record AgencyCaseFigures(int Placed, int Substantiated, int Closed, int Resolved, decimal? RecoveredUsd);

internal sealed class AgencyScorecardMapping : IEntityTypeConfiguration<AgencyScorecard>
{
    public void Configure(EntityTypeBuilder<AgencyScorecard> builder)
    {
        builder.HasKey(s => s.AgencyId);
        builder.Property(s => s.CasesPer1000Placed).HasPrecision(9, 1);
        builder.Property(s => s.CasesResolvedPercent).HasPrecision(5, 1);
        builder.HasOne<Agency>().WithOne().HasForeignKey<AgencyScorecard>(s => s.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Recomputes every agency's scorecard for the period ending today. Idempotent: it replaces the previous figures.</summary>
public sealed partial class ScorecardJob(CaravanDbContext db, TimeProvider time, IOptions<ScorecardOptions> options, IAgencyCaseCounts cases, ILogger<ScorecardJob> logger)
{
    public const string Id = "agency-scorecards";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var end = DateOnly.FromDateTime(now);
        var start = end.AddMonths(-options.Value.PeriodMonths).AddDays(1);
        var from = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => a.LicenceNumber != null).Select(a => a.Id).ToListAsync(cancellationToken);
        var vacancies = await db.Set<Vacancy>().AsNoTracking()
            .Where(v => v.PublishedAt >= from && v.PublishedAt < to && (v.Status == VacancyStatus.Published || v.Status == VacancyStatus.Closed))
            .GroupBy(v => v.AgencyId).Select(g => new { g.Key, Count = g.Count(), Positions = g.Sum(v => v.Positions) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var inspections = await db.Set<Inspection>().AsNoTracking()
            .Where(i => i.InspectedOn >= start && i.InspectedOn <= end)
            .Select(i => new { i.AgencyId, i.Sanction, Violations = i.Violations.Select(v => v.ViolationCode).ToList() })
            .ToListAsync(cancellationToken);
        var feeCodes = await db.Set<ViolationType>().Where(v => v.IsFeeViolation).Select(v => v.Code).ToListAsync(cancellationToken);
        var sanctions = await db.Set<LicenceEvent>().AsNoTracking()
            .Where(e => e.At >= from && e.At < to && (e.Kind == LicenceEventKind.Suspended || e.Kind == LicenceEventKind.Revoked))
            .GroupBy(e => e.AgencyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var caseCounts = await cases.CountAsync(start, end, cancellationToken);

        var existing = await db.Set<AgencyScorecard>().ToDictionaryAsync(s => s.AgencyId, cancellationToken);
        foreach (var agencyId in agencies)
        {
            if (!existing.TryGetValue(agencyId, out var card))
            {
                card = new AgencyScorecard { AgencyId = agencyId };
                db.Add(card);
            }

            var mine = inspections.Where(i => i.AgencyId == agencyId).ToList();
            card.PeriodStart = start;
            card.PeriodEnd = end;
            card.ComputedAt = now;
            card.VacanciesPublished = vacancies.TryGetValue(agencyId, out var v) ? v.Count : 0;
            card.PositionsOffered = v?.Positions ?? 0;
            card.Inspections = mine.Count;
            card.InspectionsWithViolations = mine.Count(i => i.Violations.Count > 0);
            card.FeeViolations = mine.Sum(i => i.Violations.Count(feeCodes.Contains));
            card.Sanctions = sanctions.GetValueOrDefault(agencyId) + mine.Count(i => i.Sanction != ProposedSanction.None);
            var c = caseCounts.GetValueOrDefault(agencyId) ?? new AgencyCaseFigures(0, 0, 0, 0, 0);
            card.PositionsFilled = c.Placed;
            card.CasesSubstantiated = c.Substantiated;
            card.CasesPer1000Placed = c.Placed == 0 ? null : decimal.Round(c.Substantiated * 1000m / c.Placed, 1);
            card.CasesResolvedPercent = c.Closed == 0 ? null : decimal.Round(c.Resolved * 100m / c.Closed, 1);
            card.AmountRecoveredUsd = c.RecoveredUsd;
        }

        await db.SaveChangesAsync(cancellationToken);
        Log.Computed(logger, agencies.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Scorecards recomputed for {Count} agencies")]
        public static partial void Computed(ILogger logger, int count);
    }
}
