using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Identity.Staff;

public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(3);
}

public sealed record Invitation(StaffInvitation Row, CaravanUser User, string Token);

public enum AcceptOutcome
{
    Accepted,
    Unknown,
    Expired,
    Used,
    Withdrawn,
    PasswordRejected,
}

public sealed record AcceptResult(AcceptOutcome Outcome, CaravanUser? User = null, IReadOnlyList<string>? PasswordErrors = null);

/// <summary>
/// Invitations: the administrator names the person, their roles and scope; the person gets a one-time link by e-mail
/// and sets their own password. The first administrator of a new node is invited the same way, from the command line.
/// </summary>
public sealed class StaffInvitations(
    CaravanDbContext db,
    UserManager<CaravanUser> users,
    StaffScope scope,
    Outbox outbox,
    AuditRefusals refusals,
    TimeProvider time,
    IOptions<StaffOptions> options)
{
    public const string TokenPurpose = "StaffInvitation";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Creates the account (with no password), its roles, scope and teams, the invitation and its e-mail, all in one
    /// transaction, then sends the e-mail. The message is composed by the caller, which knows the wording and the link.
    /// </summary>
    public async Task<(Invitation? Invitation, List<StaffProblem> Problems)> InviteAsync(
        string? email, string? displayName, StaffAccess access, Guid? invitedBy, Func<Invitation, MessageDraft> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<StaffProblem>();
        email = email?.Trim();
        displayName = displayName?.Trim();
        if (!StaffScope.IsEmail(email))
        {
            problems.Add(new("Email", "Staff.EmailInvalid"));
        }
        else if (await users.FindByEmailAsync(email!) is not null)
        {
            problems.Add(new("Email", "Staff.EmailTaken"));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            problems.Add(new("DisplayName", "Staff.NameRequired"));
        }

        problems.AddRange(await scope.CheckAsync(access, cancellationToken));
        if (problems.Count > 0)
        {
            if (problems.Any(p => p.Key == "Staff.RoleNotGrantable"))
            {
                await refusals.RecordAsync(nameof(CaravanUser), email ?? string.Empty, "role not grantable: " + string.Join(",", access.Roles), cancellationToken);
            }

            return (null, problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new CaravanUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            AgencyId = access.Roles.Contains(Roles.AgencyStaff) ? access.AgencyId : null,
            CountryCode = access.Roles.Contains(Roles.Officer) ? access.CountryCode : null,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, [new("Email", "Staff.EmailInvalid")]);
        }

        await users.AddToRolesAsync(user, access.Roles);
        await scope.SetTeamsAsync(user.Id, access.TeamIds, cancellationToken);
        var invitation = await NewInvitationAsync(user, invitedBy, message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await outbox.DeliverAddedAsync(cancellationToken);
        return (invitation, []);
    }

    /// <summary>A new link for an account that has not set its password yet; earlier links stop working.</summary>
    public async Task<Invitation?> ResendAsync(Guid userId, Guid? invitedBy, Func<Invitation, MessageDraft> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.PasswordHash is not null || user.DeactivatedAt is not null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await NewInvitationAsync(user, invitedBy, message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await outbox.DeliverAddedAsync(cancellationToken);
        return invitation;
    }

    /// <summary>
    /// The first administrator of a node, from the command line. Refused when the address already has an account; the
    /// printed link is the only way in, so it is never e-mailed (a new node may have no mail server yet).
    /// </summary>
    public async Task<(Invitation? Invitation, string? Problem)> CreateAdministratorAsync(string? email, CancellationToken cancellationToken = default)
    {
        email = email?.Trim();
        if (!StaffScope.IsEmail(email))
        {
            return (null, "That is not an e-mail address.");
        }

        if (await users.FindByEmailAsync(email!) is not null)
        {
            await refusals.RecordAsync(nameof(CaravanUser), email!, "create-admin: the address already has an account", cancellationToken);
            return (null, "An account with that e-mail address exists already. Use /admin/users, or another address.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new CaravanUser { UserName = email, Email = email, DisplayName = email };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Admin);
        var invitation = await NewInvitationAsync(user, invitedBy: null, message: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (invitation, null);
    }

    /// <summary>Finds an invitation for the set-up page, saying plainly why a link no longer works.</summary>
    public async Task<(AcceptOutcome Outcome, CaravanUser? User)> CheckAsync(Guid invitationId, string? token, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<StaffInvitation>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId.ToString());
        if (row is null || user is null || string.IsNullOrEmpty(token))
        {
            return (AcceptOutcome.Unknown, null);
        }

        if (row.UsedAt is not null || user.PasswordHash is not null)
        {
            return (AcceptOutcome.Used, user);
        }

        if (row.WithdrawnAt is not null || user.DeactivatedAt is not null)
        {
            return (AcceptOutcome.Withdrawn, user);
        }

        if (row.ExpiresAt <= Now)
        {
            return (AcceptOutcome.Expired, user);
        }

        return await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, Purpose(row.Id), token)
            ? (AcceptOutcome.Accepted, user)
            : (AcceptOutcome.Unknown, null);
    }

    /// <summary>Sets the person's password from a valid link. The link works once: the password changes the security stamp.</summary>
    public async Task<AcceptResult> AcceptAsync(Guid invitationId, string? token, string password, CancellationToken cancellationToken = default)
    {
        var (outcome, user) = await CheckAsync(invitationId, token, cancellationToken);
        if (outcome != AcceptOutcome.Accepted)
        {
            await refusals.RecordAsync(nameof(StaffInvitation), invitationId.ToString(), "invitation link " + outcome.ToString().ToLowerInvariant(), cancellationToken);
            return new AcceptResult(outcome);
        }

        var validation = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user!, password);
            validation.AddRange(result.Errors.Select(e => e.Code));
        }

        if (validation.Count > 0)
        {
            return new AcceptResult(AcceptOutcome.PasswordRejected, user, validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await users.AddPasswordAsync(user!, password);
        if (!added.Succeeded)
        {
            return new AcceptResult(AcceptOutcome.PasswordRejected, user, added.Errors.Select(e => e.Code).ToList());
        }

        user!.EmailConfirmed = true;
        await users.UpdateAsync(user);
        var row = await db.Set<StaffInvitation>().SingleAsync(i => i.Id == invitationId, cancellationToken);
        row.UsedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AcceptResult(AcceptOutcome.Accepted, user);
    }

    private async Task<Invitation> NewInvitationAsync(CaravanUser user, Guid? invitedBy, Func<Invitation, MessageDraft>? message, CancellationToken cancellationToken)
    {
        var now = Now;
        await db.Set<StaffInvitation>().Where(i => i.UserId == user.Id && i.UsedAt == null && i.WithdrawnAt == null)
            .ForEachAsync(i => i.WithdrawnAt = now, cancellationToken);
        var row = new StaffInvitation { UserId = user.Id, CreatedAt = now, ExpiresAt = now + options.Value.InvitationLifetime, InvitedById = invitedBy };
        db.Add(row);
        var invitation = new Invitation(row, user, await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, Purpose(row.Id)));
        if (message is not null)
        {
            await outbox.AddAsync(message(invitation), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return invitation;
    }

    private static string Purpose(Guid invitationId) => TokenPurpose + ":" + invitationId;
}
