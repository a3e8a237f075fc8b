using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

/// <summary>
/// The case worker's and supervisor's changes to an open case: taking, assigning, transferring, referring, notes,
/// tasks and contacts, messages to the reporter, priority and grants. Each checks the actor's access itself; the audit
/// interceptor records every write.
/// </summary>
public sealed class CaseWork(
    CaravanDbContext db,
    CaseAccessRules access,
    CaseTimeline timeline,
    ICaseNotifier notifier,
    IOptions<CaseOptions> options,
    TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private CaseOptions Options => options.Value;

    /// <summary>A team member takes an unassigned case from the queue.</summary>
    public async Task<bool> TakeAsync(LegalCase c, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (c.Status != CaseStatus.Open || c.AssigneeId is not null || await access.AccessAsync(c, actor.UserId, cancellationToken) < CaseAccess.Queue)
        {
            return false;
        }

        c.AssigneeId = actor.UserId;
        db.Add(timeline.Event(c, CaseEventKind.Assigned, actor, detail: actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The supervisor, or the current worker, hands the case to a member of its team.</summary>
    public async Task<bool> AssignAsync(LegalCase c, Guid assigneeId, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await access.CanManageAsync(c, actor, cancellationToken)
            || !await db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == c.TeamId && m.UserId == assigneeId, cancellationToken))
        {
            return false;
        }

        c.AssigneeId = assigneeId;
        var name = await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName ?? u.Email).FirstAsync(cancellationToken);
        db.Add(timeline.Event(c, CaseEventKind.Assigned, actor, detail: name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves the case to another team's queue, unassigned; its deadlines do not restart.</summary>
    public async Task<bool> TransferAsync(LegalCase c, Guid teamId, string? note, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        var team = await db.Set<CaseTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null || team.Id == c.TeamId || !await access.CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.TeamId = team.Id;
        c.AssigneeId = null;
        db.Add(timeline.Event(c, CaseEventKind.Transferred, actor, note, team.Name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Records a referral to an authority, NGO or lawyer outside Caravan; the case stays open until closed.</summary>
    public async Task<bool> ReferAsync(LegalCase c, string referredTo, string? externalReference, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(referredTo) || referredTo.Length > 200 || externalReference?.Length > 100 || !await access.CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.ReferredTo = referredTo.Trim();
        c.ExternalReference = string.IsNullOrWhiteSpace(externalReference) ? null : externalReference.Trim();
        db.Add(timeline.Event(c, CaseEventKind.Referred, actor, c.ExternalReference, c.ReferredTo));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a note, a task with a due date, or a contact with the migrant, employer or an authority.</summary>
    public async Task<bool> AddEntryAsync(LegalCase c, CaseEventKind kind, string text, string? contactWith, DateOnly? dueOn, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (kind is not (CaseEventKind.Note or CaseEventKind.Task or CaseEventKind.Contact) || string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative
            || c.Status != CaseStatus.Open || await access.AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File)
        {
            return false;
        }

        if (kind == CaseEventKind.Contact && contactWith == ContactWith.Migrant)
        {
            c.FirstContactAt ??= Now;
        }

        var entry = timeline.Event(c, kind, actor, text.Trim(), kind == CaseEventKind.Contact ? contactWith : null);
        entry.DueOn = kind == CaseEventKind.Task ? dueOn : null;
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks a task on the timeline as done; the task stays, and a "done" entry points at it.</summary>
    public async Task<bool> CompleteTaskAsync(LegalCase c, Guid taskId, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var marker = taskId.ToString("N");
        if (c.Status != CaseStatus.Open || await access.AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File
            || !await db.Set<CaseEvent>().AnyAsync(e => e.Id == taskId && e.CaseId == c.Id && e.Kind == CaseEventKind.Task, cancellationToken)
            || await db.Set<CaseEvent>().AnyAsync(e => e.CaseId == c.Id && e.Kind == CaseEventKind.TaskDone && e.Detail == marker, cancellationToken))
        {
            return false;
        }

        db.Add(timeline.Event(c, CaseEventKind.TaskDone, actor, null, marker));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The case worker writes to the migrant. The SMS says only that there is a message.</summary>
    public async Task<bool> MessageReporterAsync(LegalCase c, string text, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative || c.Status != CaseStatus.Open
            || await access.AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File)
        {
            return false;
        }

        c.FirstContactAt ??= Now;
        db.Add(timeline.Event(c, CaseEventKind.Message, actor, text.Trim()));
        var phone = c.PersonId is { } p ? await db.Set<Person>().Where(x => x.Id == p).Select(x => x.Phone).FirstOrDefaultAsync(cancellationToken) : null;
        if (PhoneNumbers.IsE164(phone))
        {
            // Queued in the same transaction as the message, so the SMS exists exactly when the message does.
            await notifier.NewMessageAsync(phone!, c.Language, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.DeliverAsync(cancellationToken);
        return true;
    }

    /// <summary>Overrides triage; the reason goes on the timeline and the deadlines follow the new priority.</summary>
    public async Task<bool> SetPriorityAsync(LegalCase c, CasePriority priority, string reason, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500 || c.Status != CaseStatus.Open || priority == c.Priority
            || !await access.CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.Priority = priority;
        c.FirstContactDueAt = c.OpenedAt + Options.FirstContactWithin(priority);
        c.ResolutionDueAt = c.OpenedAt + Options.ResolutionWithin(priority);
        db.Add(timeline.Event(c, CaseEventKind.PriorityChanged, actor, reason.Trim(), priority.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A supervisor lets a colleague open this one file.</summary>
    public async Task<bool> GrantAsync(LegalCase c, Guid colleagueId, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } by || !await access.IsSupervisorAsync(c.TeamId, by, cancellationToken)
            || await db.Set<CaseGrant>().AnyAsync(g => g.CaseId == c.Id && g.UserId == colleagueId, cancellationToken))
        {
            return false;
        }

        var name = await db.Users.Where(u => u.Id == colleagueId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }

        db.Add(new CaseGrant { CaseId = c.Id, UserId = colleagueId, GrantedById = by, GrantedAt = Now });
        db.Add(timeline.Event(c, CaseEventKind.Granted, actor, null, name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
