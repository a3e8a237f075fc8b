using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>An administrator's setup of case teams and their members. Every change is audited by the interceptor.</summary>
public sealed class TeamCommands(CaravanDbContext db)
{
    public async Task<IReadOnlyList<(CaseTeam Team, IReadOnlyList<(Guid UserId, string Name, string Email, bool Supervisor)> Members)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var teams = await db.Set<CaseTeam>().AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        var members = await (from m in db.Set<CaseTeamMember>().AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             select new { m.TeamId, m.UserId, Name = u.DisplayName ?? u.Email ?? string.Empty, Email = u.Email ?? string.Empty, m.IsSupervisor })
            .ToListAsync(cancellationToken);
        return teams.Select(t => (t, (IReadOnlyList<(Guid, string, string, bool)>)members.Where(m => m.TeamId == t.Id)
            .OrderByDescending(m => m.IsSupervisor).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .Select(m => (m.UserId, m.Name, m.Email, m.IsSupervisor)).ToList())).ToList();
    }

    /// <summary>Creates a team, or returns the problems as (field, resource key).</summary>
    public async Task<IReadOnlyList<(string Field, string Key)>> CreateAsync(string? name, TeamKind? kind, string? country, string? city, ISet<string> countries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            errors.Add(("Name", "Teams.Error.Name"));
        }

        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(("Kind", "Teams.Error.Kind"));
        }

        if (string.IsNullOrEmpty(country) || !countries.Contains(country))
        {
            errors.Add(("Country", "Teams.Error.Country"));
        }

        if (city?.Trim().Length > 100)
        {
            errors.Add(("City", "Teams.Error.City"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        db.Add(new CaseTeam { Name = name!.Trim(), Kind = kind!.Value, CountryCode = country!, City = city?.Trim() ?? string.Empty });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Adds a staff member who works cases; returns a resource key when refused.</summary>
    public async Task<string?> AddMemberAsync(Guid teamId, string? email, bool supervisor, CancellationToken cancellationToken = default)
    {
        var normalised = (email ?? string.Empty).Trim().ToUpperInvariant();
        var workerRoles = Roles.CaseWorkers.Split(',');
        var user = await (from u in db.Users
                          where u.NormalizedEmail == normalised
                          where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && workerRoles.Contains(r.Name!)))
                          select u.Id).FirstOrDefaultAsync(cancellationToken);
        if (user == Guid.Empty || !await db.Set<CaseTeam>().AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return "Teams.Error.NotStaff";
        }

        if (await db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == teamId && m.UserId == user, cancellationToken))
        {
            return "Teams.Error.AlreadyMember";
        }

        db.Add(new CaseTeamMember { TeamId = teamId, UserId = user, IsSupervisor = supervisor });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Removes a member; their open cases go back to the team's queue unassigned, so none is left with someone who can
    /// no longer open it. The last supervisor of a team with open cases stays until another is added.
    /// </summary>
    public async Task<string?> RemoveMemberAsync(Guid teamId, Guid userId, CancellationToken cancellationToken = default)
    {
        var member = await db.Set<CaseTeamMember>().FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return null;
        }

        if (member.IsSupervisor
            && !await db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == teamId && m.UserId != userId && m.IsSupervisor, cancellationToken)
            && await db.Set<LegalCase>().AnyAsync(c => c.TeamId == teamId && c.Status == CaseStatus.Open, cancellationToken))
        {
            return "Teams.Error.LastSupervisor";
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var c in await db.Set<LegalCase>().Where(c => c.TeamId == teamId && c.AssigneeId == userId && c.Status == CaseStatus.Open).ToListAsync(cancellationToken))
        {
            c.AssigneeId = null;
        }

        db.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
