using Caravan.Core.Audit;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity.Staff;

public enum StaffChange
{
    Done,
    NotFound,

    /// <summary>Someone else saved the account since the page was loaded (optimistic concurrency).</summary>
    Conflict,

    /// <summary>An administrator changing their own roles or switching themselves off.</summary>
    OwnAccount,

    LastAdministrator,
    Invalid,
}

/// <summary>
/// What administrators change on staff accounts: access, switching off and on, and two-step sign-in. Each change
/// updates the security stamp, so the person's sessions end at once (the cookie is checked against it on every request).
/// </summary>
public sealed class StaffAccounts(CaravanDbContext db, UserManager<CaravanUser> users, StaffScope scope, AuditRefusals refusals, TimeProvider time)
{
    public async Task<(StaffChange Result, List<StaffProblem> Problems)> ChangeAccessAsync(
        Guid adminId, Guid userId, string? concurrencyStamp, StaffAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.IsInRoleAsync(user, Roles.Migrant))
        {
            return (StaffChange.NotFound, []);
        }

        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            return (StaffChange.Conflict, []);
        }

        var current = await users.GetRolesAsync(user);
        var rolesChange = !current.Order(StringComparer.Ordinal).SequenceEqual(access.Roles.Order(StringComparer.Ordinal));
        if (userId == adminId && rolesChange)
        {
            await refusals.RecordAsync(nameof(CaravanUser), userId.ToString(), "own roles may not be changed", cancellationToken);
            return (StaffChange.OwnAccount, []);
        }

        var problems = await scope.CheckAsync(access, cancellationToken);
        if (problems.Count > 0)
        {
            if (problems.Any(p => p.Key == "Staff.RoleNotGrantable"))
            {
                await refusals.RecordAsync(nameof(CaravanUser), userId.ToString(), "role not grantable: " + string.Join(",", access.Roles), cancellationToken);
            }

            return (StaffChange.Invalid, problems);
        }

        if (current.Contains(Roles.Admin) && !access.Roles.Contains(Roles.Admin) && await ActiveAdministratorsAsync(cancellationToken) <= 1)
        {
            await refusals.RecordAsync(nameof(CaravanUser), userId.ToString(), "the last administrator may not lose the role", cancellationToken);
            return (StaffChange.LastAdministrator, []);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.AgencyId = access.Roles.Contains(Roles.AgencyStaff) ? access.AgencyId : null;
        user.CountryCode = access.Roles.Contains(Roles.Officer) ? access.CountryCode : null;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return (Conflicted(updated) ? StaffChange.Conflict : StaffChange.Invalid, []);
        }

        await users.RemoveFromRolesAsync(user, current.Except(access.Roles).ToList());
        await users.AddToRolesAsync(user, access.Roles.Except(current).ToList());
        await scope.SetTeamsAsync(user.Id, access.Roles.Any(StaffScope.TeamRoles.Contains) ? access.TeamIds : [], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // New rights take effect on the next request, not at the next sign-in.
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return (StaffChange.Done, []);
    }

    /// <summary>Switches an account off: sign-in refused, every session ended, open invitations withdrawn.</summary>
    public async Task<StaffChange> DeactivateAsync(Guid adminId, Guid userId, string? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return StaffChange.NotFound;
        }

        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            return StaffChange.Conflict;
        }

        if (userId == adminId)
        {
            await refusals.RecordAsync(nameof(CaravanUser), userId.ToString(), "an administrator may not switch off their own account", cancellationToken);
            return StaffChange.OwnAccount;
        }

        if (await users.IsInRoleAsync(user, Roles.Admin) && await ActiveAdministratorsAsync(cancellationToken) <= 1)
        {
            await refusals.RecordAsync(nameof(CaravanUser), userId.ToString(), "the last administrator may not be switched off", cancellationToken);
            return StaffChange.LastAdministrator;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DeactivatedAt = now;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Conflicted(updated) ? StaffChange.Conflict : StaffChange.Invalid;
        }

        await db.Set<StaffInvitation>().Where(i => i.UserId == userId && i.UsedAt == null && i.WithdrawnAt == null)
            .ForEachAsync(i => i.WithdrawnAt = now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return StaffChange.Done;
    }

    public async Task<StaffChange> ReactivateAsync(Guid userId, string? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return StaffChange.NotFound;
        }

        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            return StaffChange.Conflict;
        }

        user.DeactivatedAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? StaffChange.Done : Conflicted(updated) ? StaffChange.Conflict : StaffChange.Invalid;
    }

    /// <summary>For a lost phone: two-step sign-in is switched off and its key replaced; a node that requires it asks for a new set-up at the next sign-in.</summary>
    public async Task<StaffChange> ResetTwoFactorAsync(Guid userId, string? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return StaffChange.NotFound;
        }

        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            return StaffChange.Conflict;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return StaffChange.Done;
    }

    public Task<int> ActiveAdministratorsAsync(CancellationToken cancellationToken = default) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Admin && u.DeactivatedAt == null && u.PasswordHash != null
         select u.Id).Distinct().CountAsync(cancellationToken);

    private static bool Conflicted(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
}
