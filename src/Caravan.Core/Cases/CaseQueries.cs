using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

public sealed record QueueRow(string Reference, CaseCategory Category, CasePriority Priority, string CountryCode, string City, DateTime OpenedAt, DateTime Deadline, SlaState Sla, string? Assignee, bool Escalated);

public sealed record DashboardCell(Guid TeamId, CaseCategory Category, SlaState Sla, AgeBand Age, int Count);

/// <summary>How long a case has been open: 0–2 days, 3–7, 8–30, over 30.</summary>
public enum AgeBand
{
    UpTo2Days,
    UpTo7Days,
    UpTo30Days,
    Over30Days,
}

public sealed record CaseSummary(string Reference, CaseCategory Category, CaseStatus Status, CaseOutcome? Outcome, DateTime OpenedAt, string CountryCode);

/// <summary>Lists for queues and dashboards: plain columns only, nothing decrypted, so they stay fast at 200,000 cases.</summary>
public sealed class CaseQueries(CaravanDbContext db, IOptions<CaseOptions> options, TimeProvider time)
{
    public const int PageSize = 50;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<CaseTeam>> TeamsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<CaseTeam>().AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CaseTeamMember>> MembershipsAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Set<CaseTeamMember>().AsNoTracking().Where(m => m.UserId == userId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(Guid UserId, string Name)>> MembersAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        var members = await (from m in db.Set<CaseTeamMember>().AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             where m.TeamId == teamId
                             select new { u.Id, Name = u.DisplayName ?? u.Email ?? string.Empty }).ToListAsync(cancellationToken);
        return members.OrderBy(m => m.Name, StringComparer.CurrentCulture).Select(m => (m.Id, m.Name)).ToList();
    }

    /// <summary>One team's open cases, most urgent and nearest deadline first; or only those assigned to one worker.</summary>
    public async Task<IReadOnlyList<QueueRow>> QueueAsync(Guid teamId, Guid? assignee, int page, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var soon = TimeSpan.FromHours(options.Value.DueSoonHours);
        var query = db.Set<LegalCase>().AsNoTracking().Where(c => c.TeamId == teamId && c.Status == CaseStatus.Open);
        if (assignee is { } a)
        {
            query = query.Where(c => c.AssigneeId == a);
        }

        var rows = await query
            .OrderByDescending(c => c.Priority).ThenBy(c => c.FirstContactDueAt).ThenBy(c => c.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Select(c => new
            {
                c.Reference,
                c.Category,
                c.Priority,
                c.CountryCode,
                c.City,
                c.OpenedAt,
                c.FirstContactAt,
                c.FirstContactDueAt,
                c.ResolutionDueAt,
                c.EscalatedAt,
                Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var deadline = r.FirstContactAt is null ? r.FirstContactDueAt : r.ResolutionDueAt;
            return new QueueRow(r.Reference, r.Category, r.Priority, r.CountryCode, r.City, r.OpenedAt, deadline, Sla.StateOf(deadline, now, soon), r.Assignee, r.EscalatedAt is not null);
        }).ToList();
    }

    /// <summary>Open cases of the given teams counted by team, category, SLA state and age, in one grouped query.</summary>
    public async Task<IReadOnlyList<DashboardCell>> DashboardAsync(IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var soon = now.AddHours(options.Value.DueSoonHours);
        var age2 = now.AddDays(-2);
        var age7 = now.AddDays(-7);
        var age30 = now.AddDays(-30);
        var cells = await db.Set<LegalCase>().AsNoTracking()
            .Where(c => c.Status == CaseStatus.Open && teamIds.Contains(c.TeamId))
            .Select(c => new { c.TeamId, c.Category, c.OpenedAt, Deadline = c.FirstContactAt == null ? c.FirstContactDueAt : c.ResolutionDueAt })
            .GroupBy(c => new
            {
                c.TeamId,
                c.Category,
                Sla = c.Deadline < now ? SlaState.Breached : c.Deadline <= soon ? SlaState.DueSoon : SlaState.OnTime,
                Age = c.OpenedAt >= age2 ? AgeBand.UpTo2Days : c.OpenedAt >= age7 ? AgeBand.UpTo7Days : c.OpenedAt >= age30 ? AgeBand.UpTo30Days : AgeBand.Over30Days,
            })
            .Select(g => new { g.Key.TeamId, g.Key.Category, g.Key.Sla, g.Key.Age, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return cells.Select(c => new DashboardCell(c.TeamId, c.Category, c.Sla, c.Age, c.Count)).ToList();
    }

    /// <summary>Open cases of the given teams that the SLA job escalated, oldest escalation first.</summary>
    public async Task<IReadOnlyList<QueueRow>> EscalatedAsync(IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var rows = await db.Set<LegalCase>().AsNoTracking()
            .Where(c => c.Status == CaseStatus.Open && c.EscalatedAt != null && teamIds.Contains(c.TeamId))
            .OrderBy(c => c.EscalatedAt).Take(PageSize)
            .Select(c => new
            {
                c.Reference,
                c.Category,
                c.Priority,
                c.CountryCode,
                c.City,
                c.OpenedAt,
                Deadline = c.FirstContactAt == null ? c.FirstContactDueAt : c.ResolutionDueAt,
                Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new QueueRow(r.Reference, r.Category, r.Priority, r.CountryCode, r.City, r.OpenedAt, r.Deadline, SlaState.Breached, r.Assignee, true)).ToList();
    }

    /// <summary>A migrant's own cases, across every record merged into theirs.</summary>
    public async Task<IReadOnlyList<CaseSummary>> ForPersonAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default) =>
        await db.Set<LegalCase>().AsNoTracking()
            .Where(c => c.PersonId != null && personIds.Contains(c.PersonId.Value))
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new CaseSummary(c.Reference, c.Category, c.Status, c.Outcome, c.OpenedAt, c.CountryCode))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SanctionProposal>> ProposalsAsync(Guid? agencyId, CancellationToken cancellationToken = default)
    {
        var query = db.Set<SanctionProposal>().AsNoTracking();
        if (agencyId is { } a)
        {
            query = query.Where(p => p.AgencyId == a);
        }

        return await query.OrderBy(p => p.Status).ThenByDescending(p => p.ProposedAt).Take(200).ToListAsync(cancellationToken);
    }
}
