using System.Net.Mail;
using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity.Staff;

/// <summary>What an administrator gives a staff account: roles, and the scope each role works in.</summary>
public sealed record StaffAccess(IReadOnlyList<string> Roles, Guid? AgencyId, string? CountryCode, IReadOnlyList<Guid> TeamIds);

/// <summary>A field and the resource key of what is wrong with it.</summary>
public sealed record StaffProblem(string Field, string Key);

/// <summary>The checks shared by invitations and changes of an account's access.</summary>
public sealed class StaffScope(CaravanDbContext db)
{
    /// <summary>Roles an administrator may grant. Migrant accounts are made by migrants themselves, never by staff.</summary>
    public static readonly IReadOnlyList<string> Grantable = Roles.Staff;

    /// <summary>Roles that work cases and so may belong to case teams.</summary>
    public static readonly IReadOnlyList<string> TeamRoles = [Roles.Officer, Roles.ConsularOfficer, Roles.HotlineOperator];

    public static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();

    public async Task<List<StaffProblem>> CheckAsync(StaffAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var problems = new List<StaffProblem>();
        if (access.Roles.Count == 0)
        {
            problems.Add(new("Roles", "Staff.RoleRequired"));
        }
        else if (access.Roles.Any(r => !Grantable.Contains(r)))
        {
            problems.Add(new("Roles", "Staff.RoleNotGrantable"));
        }

        if (access.Roles.Contains(Roles.AgencyStaff))
        {
            if (access.AgencyId is not { } agency)
            {
                problems.Add(new("AgencyId", "Staff.AgencyRequired"));
            }
            else if (!await db.Set<Agency>().AnyAsync(a => a.Id == agency, cancellationToken))
            {
                problems.Add(new("AgencyId", "Staff.AgencyUnknown"));
            }
        }

        if (access.Roles.Contains(Roles.Officer) && (access.CountryCode is not { Length: 2 } || !access.CountryCode.All(char.IsAsciiLetterUpper)))
        {
            problems.Add(new("CountryCode", "Staff.CountryRequired"));
        }

        if (access.TeamIds.Count > 0)
        {
            if (!access.Roles.Any(TeamRoles.Contains))
            {
                problems.Add(new("TeamIds", "Staff.TeamsNeedCaseRole"));
            }
            else if (await db.Set<CaseTeam>().CountAsync(t => access.TeamIds.Contains(t.Id), cancellationToken) != access.TeamIds.Distinct().Count())
            {
                problems.Add(new("TeamIds", "Staff.TeamUnknown"));
            }
        }

        return problems;
    }

    /// <summary>Makes the account's team memberships those given, keeping supervisor flags set on the teams page.</summary>
    public async Task SetTeamsAsync(Guid userId, IReadOnlyList<Guid> teamIds, CancellationToken cancellationToken = default)
    {
        var current = await db.Set<CaseTeamMember>().Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(m => !teamIds.Contains(m.TeamId)));
        foreach (var team in teamIds.Distinct().Where(t => current.All(m => m.TeamId != t)))
        {
            db.Add(new CaseTeamMember { TeamId = team, UserId = userId });
        }
    }
}
