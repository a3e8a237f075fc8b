using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>
/// Who may do what with a case, checked by every read and change of one, so no page can forget to: the assignee, a
/// supervisor of its team and a colleague granted the file open it; the team sees it in its queue; other supervisors
/// only know it exists.
/// </summary>
public sealed class CaseAccessRules(CaravanDbContext db)
{
    public async Task<CaseAccess> AccessAsync(LegalCase c, Guid? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (userId is not { } user)
        {
            return CaseAccess.None;
        }

        if (c.AssigneeId == user)
        {
            return CaseAccess.File;
        }

        var memberships = await db.Set<CaseTeamMember>().AsNoTracking().Where(m => m.UserId == user).ToListAsync(cancellationToken);
        var inTeam = memberships.FirstOrDefault(m => m.TeamId == c.TeamId);
        if (inTeam is { IsSupervisor: true } || await db.Set<CaseGrant>().AnyAsync(g => g.CaseId == c.Id && g.UserId == user, cancellationToken))
        {
            return CaseAccess.File;
        }

        if (inTeam is not null)
        {
            return CaseAccess.Queue;
        }

        return memberships.Any(m => m.IsSupervisor) ? CaseAccess.Exists : CaseAccess.None;
    }

    /// <summary>The assignee or a supervisor of the case's team may steer an open case.</summary>
    public async Task<bool> CanManageAsync(LegalCase c, RegistryActor? actor, CancellationToken cancellationToken) =>
        actor?.UserId is { } user && c.Status == CaseStatus.Open
        && (c.AssigneeId == user || await IsSupervisorAsync(c.TeamId, user, cancellationToken));

    public Task<bool> IsSupervisorAsync(Guid teamId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == teamId && m.UserId == userId && m.IsSupervisor, cancellationToken);
}
