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

    /// <summary>Workers placed through the agency. Null until placements are recorded (migrant registry, issue 4).</summary>
    public int? PositionsFilled { get; set; }
    public int Inspections { get; set; }
    public int InspectionsWithViolations { get; set; }
    public int Sanctions { get; set; }
    public int FeeViolations { get; set; }

    /// <summary>Complaints and cases per 1,000 placed workers. Null until cases exist (issue 5): see <see cref="IAgencyCaseCounts"/>.</summary>
    public decimal? CasesPer1000Placed { get; set; }
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

/// <summary>
/// Extension point for the cases capability: placed workers and complaints or cases per agency over a period.
/// Until it is implemented the scorecard leaves those figures empty and says they are not yet recorded.
/// </summary>
public interface IAgencyCaseCounts
{
    /// <summary>Per agency: workers placed in the period, and cases against it (null while cases are not recorded).</summary>
    Task<IReadOnlyDictionary<Guid, (int Placed, int? Cases)>> CountAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken);
}

public sealed class NoCaseCountsYet : IAgencyCaseCounts
{
    public Task<IReadOnlyDictionary<Guid, (int Placed, int? Cases)>> CountAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, (int Placed, int? Cases)>>(new Dictionary<Guid, (int, int?)>());
}

internal sealed class AgencyScorecardMapping : IEntityTypeConfiguration<AgencyScorecard>
{
    public void Configure(EntityTypeBuilder<AgencyScorecard> builder)
    {
        builder.HasKey(s => s.AgencyId);
        builder.Property(s => s.CasesPer1000Placed).HasPrecision(9, 1);
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
            if (caseCounts.TryGetValue(agencyId, out var c))
            {
                card.PositionsFilled = c.Placed;
                card.CasesPer1000Placed = c.Placed == 0 || c.Cases is not { } cases ? null : decimal.Round(cases * 1000m / c.Placed, 1);
            }
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
