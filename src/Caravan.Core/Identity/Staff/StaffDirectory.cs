using Caravan.Core.Cases;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity.Staff;

public enum StaffState
{
    Active,

    /// <summary>Invited; the password has not been set yet.</summary>
    Invited,
    Deactivated,
}

public sealed record StaffRow(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, StaffState State, bool TwoFactor);

public sealed record StaffDetails(CaravanUser User, IReadOnlyList<string> Roles, IReadOnlyList<Guid> TeamIds, StaffState State, StaffInvitation? OpenInvitation);

/// <summary>The staff list at /admin/users: search by name or e-mail, filter by role and state.</summary>
public sealed class StaffDirectory(CaravanDbContext db)
{
    public const int PageSize = 50;

    public async Task<(List<StaffRow> Rows, int Total)> SearchAsync(string? text, string? role, StaffState? state, int page, CancellationToken cancellationToken = default)
    {
        var staffRoleIds = await db.Roles.Where(r => r.Name != Roles.Migrant).Select(r => r.Id).ToListAsync(cancellationToken);
        var query = db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoleIds.Contains(ur.RoleId)));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim().ToUpperInvariant();
            // NormalizedEmail is stored upper-cased by Identity; display names are matched the same way on both databases.
            // ToUpper here is SQL's upper(), not .NET's: the analyzers' culture rules do not apply to a translated query.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(u => (u.NormalizedEmail != null && u.NormalizedEmail.Contains(needle))
                || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(needle)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        query = state switch
        {
            StaffState.Active => query.Where(u => u.DeactivatedAt == null && u.PasswordHash != null),
            StaffState.Invited => query.Where(u => u.DeactivatedAt == null && u.PasswordHash == null),
            StaffState.Deactivated => query.Where(u => u.DeactivatedAt != null),
            _ => query,
        };
        var total = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.NormalizedEmail).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.DeactivatedAt, HasPassword = u.PasswordHash != null, u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rows = users.Select(u => new StaffRow(u.Id, u.Email ?? string.Empty, u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
            StateOf(u.DeactivatedAt, u.HasPassword), u.TwoFactorEnabled)).ToList();
        return (rows, total);
    }

    public async Task<StaffDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == id
                           select r.Name!).ToListAsync(cancellationToken);
        if (roles.Contains(Roles.Migrant))
        {
            return null;
        }

        var teams = await db.Set<CaseTeamMember>().Where(m => m.UserId == id).Select(m => m.TeamId).ToListAsync(cancellationToken);
        var invitation = await db.Set<StaffInvitation>().AsNoTracking().Where(i => i.UserId == id && i.UsedAt == null && i.WithdrawnAt == null)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new StaffDetails(user, roles, teams, StateOf(user.DeactivatedAt, user.PasswordHash is not null), invitation);
    }

    /// <summary>What the access form offers: agencies for agency staff, case teams for case workers.</summary>
    public async Task<(List<(Guid Id, string Name)> Agencies, List<(Guid Id, string Name)> Teams)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var agencies = await db.Set<Agencies.Agency>().AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var teams = await db.Set<CaseTeam>().AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return (agencies.Select(a => (a.Id, a.Name)).ToList(), teams.Select(t => (t.Id, t.Name)).ToList());
    }

    private static StaffState StateOf(DateTime? deactivatedAt, bool hasPassword) =>
        deactivatedAt is not null ? StaffState.Deactivated : hasPassword ? StaffState.Active : StaffState.Invited;
}
