using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

/// <summary>
/// Every change to a case. Each method checks the actor's access itself, so no page can forget to; the audit
/// interceptor records every write, and every opening of a file is written to the person's access log.
/// </summary>
public sealed class CaseCommands(
    CaravanDbContext db,
    SensitiveData sensitive,
    IDocumentStore documents,
    ICaseNotifier notifier,
    IOptions<CaseOptions> options,
    FactWriter facts,
    TimeProvider time)
{
    public const string ReferencePrefix = "CAS";
    private const string SequenceName = "case";
    private const long SequenceStart = 1000;
    private const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private CaseOptions Options => options.Value;

    public async Task<LegalCase?> ByReferenceAsync(string reference, CancellationToken cancellationToken = default) =>
        await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);

    /// <summary>
    /// Opens a case, or finds the one a first submission of the same form opened. The tracking code of an anonymous
    /// tip is derived from the form's key with the node's secret, so a second submission shows the same code.
    /// </summary>
    public async Task<(LegalCase LegalCase, string? TrackingCode, bool Created)> OpenAsync(CaseReport report, CaseChannel channel, Guid? personId, RegistryActor? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var trackingCode = channel == CaseChannel.Anonymous ? TrackingCodeFor(report.SubmissionKey) : null;
        var existing = await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.SubmissionKey == report.SubmissionKey, cancellationToken);
        if (existing is not null)
        {
            return (existing, trackingCode, false);
        }

        var team = await RouteAsync(report.CountryCode, report.City, channel, actor?.UserId, cancellationToken);
        var priority = Triage.Priority(report.Category, report.Indicators);
        var now = Now;
        var employer = string.IsNullOrWhiteSpace(report.EmployerName) ? null : report.EmployerName.Trim();
        var employerId = employer is null ? null : await db.Set<ForeignEmployer>()
            .Where(e => e.Name == employer && e.CountryCode == report.CountryCode).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var c = new LegalCase
        {
            Reference = ReferenceCode.Create(ReferencePrefix, await db.ReserveAsync(SequenceName, 1, SequenceStart, cancellationToken)),
            Channel = channel,
            Category = report.Category,
            Priority = priority,
            ComputedPriority = priority,
            PersonId = channel == CaseChannel.Anonymous ? null : personId,
            CountryCode = report.CountryCode,
            City = report.City?.Trim() ?? string.Empty,
            AgencyId = report.AgencyId,
            EmployerId = employerId,
            EmployerName = employer,
            NarrativeCipher = sensitive.Protect(report.Narrative.Trim()),
            IndicatorsCipher = sensitive.Protect(string.Join(',', report.Indicators.Distinct().Order())),
            IndicatorCount = report.Indicators.Distinct().Count(),
            TeamId = team.Id,
            Status = CaseStatus.Open,
            Language = report.Language,
            OpenedAt = now,
            OpenedById = channel == CaseChannel.Anonymous ? null : actor?.UserId,
            FirstContactDueAt = now + Options.FirstContactWithin(priority),
            ResolutionDueAt = now + Options.ResolutionWithin(priority),
            TrackingHash = trackingCode is null ? null : TrackingHash(trackingCode),
            SubmissionKey = report.SubmissionKey,
        };

        // A consular officer who opens a case in front of the migrant has made first contact and owns the case.
        if (channel is CaseChannel.Consular or CaseChannel.Hotline or CaseChannel.Office && actor?.UserId is { } staff && team.Members.Any(m => m.UserId == staff))
        {
            c.AssigneeId = staff;
            c.FirstContactAt = now;
        }

        db.Add(c);
        // The reporter's own opening is theirs, not a named actor's: the timeline says "you", and never shows a phone number.
        var openedEvent = Event(c, CaseEventKind.Opened, channel is CaseChannel.Anonymous or CaseChannel.Migrant ? null : actor, detail: channel.ToString());
        openedEvent.FromReporter = channel is CaseChannel.Anonymous or CaseChannel.Migrant;
        db.Add(openedEvent);
        db.Add(await FactAsync(c, FactKind.CaseOpened, cancellationToken));
        facts.AddCaseOpened(c, report.Indicators.Select(i => i.ToString()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Two submissions raced and the other won: it is the same report. Anything else is a real failure.
            var winner = await db.Set<LegalCase>().FirstOrDefaultAsync(x => x.SubmissionKey == report.SubmissionKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return (winner, trackingCode, false);
        }

        return (c, trackingCode, true);
    }

    /// <summary>The consulate in the city, else one in the country, else the home legal-aid team, else the hotline.</summary>
    private async Task<CaseTeam> RouteAsync(string country, string city, CaseChannel channel, Guid? actorId, CancellationToken cancellationToken)
    {
        var teams = await db.Set<CaseTeam>().Include(t => t.Members).AsNoTracking().ToListAsync(cancellationToken);
        if (channel is CaseChannel.Consular or CaseChannel.Hotline or CaseChannel.Office && actorId is { } staff
            && teams.FirstOrDefault(t => t.Members.Any(m => m.UserId == staff) && (channel != CaseChannel.Consular || t.CountryCode == country)) is { } own)
        {
            return own;
        }

        var consulates = teams.Where(t => t.Kind == TeamKind.Consulate && t.CountryCode == country).ToList();
        return consulates.FirstOrDefault(t => string.Equals(t.City, city?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? consulates.FirstOrDefault()
            ?? teams.FirstOrDefault(t => t.Kind == TeamKind.LegalAid)
            ?? teams.FirstOrDefault(t => t.Kind == TeamKind.Hotline)
            ?? throw new InvalidOperationException("The node has no case team; create one before taking cases.");
    }

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

    /// <summary>Decrypts the file for someone allowed to read it, writing the read to the person's access log first.</summary>
    public async Task<CaseFile?> OpenFileAsync(LegalCase c, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (await AccessAsync(c, actor.UserId, cancellationToken) != CaseAccess.File)
        {
            return null;
        }

        if (c.PersonId is { } personId)
        {
            db.Add(PersonAccess.By(actor, personId, AccessAction.OpenCase, AccessReasons.CaseWork, Now, c.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await LoadFileAsync(c, cancellationToken);
    }

    /// <summary>The reporter's own view: the migrant or the holder of a tracking code. Not logged: it is their own.</summary>
    public Task<CaseFile> ReporterFileAsync(LegalCase c, CancellationToken cancellationToken = default) => LoadFileAsync(c, cancellationToken);

    private async Task<CaseFile> LoadFileAsync(LegalCase c, CancellationToken cancellationToken)
    {
        // One round trip for the names around the case, one for the timeline, and one for attachments only when the
        // timeline says there are some: opening a file is the most frequent read of a case worker's day.
        var names = await db.Set<CaseTeam>().AsNoTracking().Where(t => t.Id == c.TeamId).Select(t => new
        {
            Team = t,
            Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
            Agency = db.Set<Agency>().Where(x => x.Id == c.AgencyId).Select(x => x.Name).FirstOrDefault(),
            Person = db.Set<Person>().Where(x => x.Id == c.PersonId).Select(x => x.Reference).FirstOrDefault(),
        }).SingleAsync(cancellationToken);
        var events = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var attachments = events.Any(e => e.Kind == CaseEventKind.Attachment)
            ? await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.UploadedAt).ToListAsync(cancellationToken)
            : [];
        var (team, assignee, agency, person) = (names.Team, names.Assignee, names.Agency, names.Person);
        return new CaseFile(
            c,
            sensitive.Unprotect(c.NarrativeCipher),
            Indicators(c),
            events.Select(e => new TimelineEntry(e.Id, e.At, e.Kind, e.ActorName, e.FromReporter, e.TextCipher is null ? null : sensitive.Unprotect(e.TextCipher), e.Detail, e.DueOn, e.AttachmentId)).ToList(),
            attachments.Select(x => new AttachmentInfo(x.Id, sensitive.Unprotect(x.FileNameCipher), x.ContentType, x.Length, x.UploadedAt, x.FromReporter)).ToList(),
            team,
            assignee,
            agency,
            person);
    }

    public IReadOnlyList<ForcedLabourIndicator> Indicators(LegalCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = sensitive.Unprotect(c.IndicatorsCipher);
        return text.Length == 0 ? [] : text.Split(',').Select(Enum.Parse<ForcedLabourIndicator>).ToList();
    }

    /// <summary>A team member takes an unassigned case from the queue.</summary>
    public async Task<bool> TakeAsync(LegalCase c, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (c.Status != CaseStatus.Open || c.AssigneeId is not null || await AccessAsync(c, actor.UserId, cancellationToken) < CaseAccess.Queue)
        {
            return false;
        }

        c.AssigneeId = actor.UserId;
        db.Add(Event(c, CaseEventKind.Assigned, actor, detail: actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The supervisor, or the current worker, hands the case to a member of its team.</summary>
    public async Task<bool> AssignAsync(LegalCase c, Guid assigneeId, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await CanManageAsync(c, actor, cancellationToken)
            || !await db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == c.TeamId && m.UserId == assigneeId, cancellationToken))
        {
            return false;
        }

        c.AssigneeId = assigneeId;
        var name = await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName ?? u.Email).FirstAsync(cancellationToken);
        db.Add(Event(c, CaseEventKind.Assigned, actor, detail: name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves the case to another team's queue, unassigned; its deadlines do not restart.</summary>
    public async Task<bool> TransferAsync(LegalCase c, Guid teamId, string? note, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        var team = await db.Set<CaseTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null || team.Id == c.TeamId || !await CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.TeamId = team.Id;
        c.AssigneeId = null;
        db.Add(Event(c, CaseEventKind.Transferred, actor, note, team.Name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Records a referral to an authority, NGO or lawyer outside Caravan; the case stays open until closed.</summary>
    public async Task<bool> ReferAsync(LegalCase c, string referredTo, string? externalReference, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(referredTo) || referredTo.Length > 200 || externalReference?.Length > 100 || !await CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.ReferredTo = referredTo.Trim();
        c.ExternalReference = string.IsNullOrWhiteSpace(externalReference) ? null : externalReference.Trim();
        db.Add(Event(c, CaseEventKind.Referred, actor, c.ExternalReference, c.ReferredTo));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a note, a task with a due date, or a contact with the migrant, employer or an authority.</summary>
    public async Task<bool> AddEntryAsync(LegalCase c, CaseEventKind kind, string text, string? contactWith, DateOnly? dueOn, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (kind is not (CaseEventKind.Note or CaseEventKind.Task or CaseEventKind.Contact) || string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative
            || c.Status != CaseStatus.Open || await AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File)
        {
            return false;
        }

        if (kind == CaseEventKind.Contact && contactWith == ContactWith.Migrant)
        {
            c.FirstContactAt ??= Now;
        }

        var entry = Event(c, kind, actor, text.Trim(), kind == CaseEventKind.Contact ? contactWith : null);
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
        if (c.Status != CaseStatus.Open || await AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File
            || !await db.Set<CaseEvent>().AnyAsync(e => e.Id == taskId && e.CaseId == c.Id && e.Kind == CaseEventKind.Task, cancellationToken)
            || await db.Set<CaseEvent>().AnyAsync(e => e.CaseId == c.Id && e.Kind == CaseEventKind.TaskDone && e.Detail == marker, cancellationToken))
        {
            return false;
        }

        db.Add(Event(c, CaseEventKind.TaskDone, actor, null, marker));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The case worker writes to the migrant. The SMS says only that there is a message.</summary>
    public async Task<bool> MessageReporterAsync(LegalCase c, string text, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative || c.Status != CaseStatus.Open
            || await AccessAsync(c, actor?.UserId, cancellationToken) != CaseAccess.File)
        {
            return false;
        }

        c.FirstContactAt ??= Now;
        db.Add(Event(c, CaseEventKind.Message, actor, text.Trim()));
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

    /// <summary>The migrant, or an anonymous reporter with the tracking code, writes to the case worker.</summary>
    public async Task<bool> ReporterMessageAsync(LegalCase c, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative || c.Status != CaseStatus.Open)
        {
            return false;
        }

        var entry = Event(c, CaseEventKind.Message, null, text.Trim());
        entry.FromReporter = true;
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Stores an attachment already checked by <see cref="AttachmentTypes.Check"/>: encrypted, under a random name.</summary>
    public async Task<CaseAttachment> AttachAsync(LegalCase c, byte[] content, string contentType, string fileName, RegistryActor? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(content);
        await using var cipher = new MemoryStream(sensitive.Protect(content));
        var stored = await documents.SaveAsync(cipher, cancellationToken);
        var attachment = new CaseAttachment
        {
            CaseId = c.Id,
            StorageKey = stored.StorageKey,
            ContentType = contentType,
            Length = content.LongLength,
            FileNameCipher = sensitive.Protect(Path.GetFileName(fileName ?? string.Empty)),
            UploadedAt = Now,
            FromReporter = actor is null,
        };
        db.Add(attachment);
        var entry = Event(c, CaseEventKind.Attachment, actor, null, contentType);
        entry.FromReporter = actor is null;
        entry.AttachmentId = attachment.Id;
        db.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            documents.Delete(stored.StorageKey);
            throw;
        }

        return attachment;
    }

    /// <summary>The decrypted bytes of an attachment, for someone who may open the case file.</summary>
    public async Task<(CaseAttachment Attachment, byte[] Content, string FileName)?> ReadAttachmentAsync(LegalCase c, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var attachment = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == c.Id, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        await using var stream = documents.OpenRead(attachment.StorageKey);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return (attachment, sensitive.Unprotect(buffer.ToArray()), sensitive.Unprotect(attachment.FileNameCipher));
    }

    /// <summary>Overrides triage; the reason goes on the timeline and the deadlines follow the new priority.</summary>
    public async Task<bool> SetPriorityAsync(LegalCase c, CasePriority priority, string reason, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500 || c.Status != CaseStatus.Open || priority == c.Priority
            || !await CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        c.Priority = priority;
        c.FirstContactDueAt = c.OpenedAt + Options.FirstContactWithin(priority);
        c.ResolutionDueAt = c.OpenedAt + Options.ResolutionWithin(priority);
        db.Add(Event(c, CaseEventKind.PriorityChanged, actor, reason.Trim(), priority.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A supervisor lets a colleague open this one file.</summary>
    public async Task<bool> GrantAsync(LegalCase c, Guid colleagueId, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } by || !await IsSupervisorAsync(c.TeamId, by, cancellationToken)
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
        db.Add(Event(c, CaseEventKind.Granted, actor, null, name));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Closes the case with its outcome. A substantiated case against an agency counts on its scorecard, and past
    /// the node's threshold raises a proposal for licensing officers to decide on.
    /// </summary>
    public async Task<bool> CloseAsync(LegalCase c, CaseClosing closing, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(closing);
        if (c.Status != CaseStatus.Open || !await CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        c.Status = CaseStatus.Closed;
        c.ClosedAt = Now;
        c.Outcome = closing.Outcome;
        c.Substantiated = closing.Substantiated;
        c.AmountRecovered = closing.AmountRecovered;
        c.RecoveredCurrency = closing.AmountRecovered is null ? null : closing.Currency;
        c.DocumentsReturned = closing.DocumentsReturned;
        c.Repatriated = closing.Repatriated;
        c.OutcomeReason = string.IsNullOrWhiteSpace(closing.Reason) ? null : closing.Reason.Trim();
        if (!string.IsNullOrWhiteSpace(closing.ReferredTo))
        {
            c.ReferredTo = closing.ReferredTo.Trim();
            c.ExternalReference = string.IsNullOrWhiteSpace(closing.ExternalReference) ? c.ExternalReference : closing.ExternalReference.Trim();
        }

        db.Add(Event(c, CaseEventKind.Closed, actor, c.OutcomeReason, closing.Outcome.ToString()));
        var closedFact = await FactAsync(c, FactKind.CaseClosed, cancellationToken);
        db.Add(closedFact);
        await facts.AddWagesRecoveredAsync(c, await FactPersonAsync(c, cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (c.Substantiated && c.AgencyId is { } agencyId)
        {
            await ProposeSanctionIfDueAsync(agencyId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task ProposeSanctionIfDueAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        var since = Now.AddMonths(-Options.SanctionWindowMonths);
        var count = await db.Set<LegalCase>().CountAsync(x => x.AgencyId == agencyId && x.Substantiated && x.ClosedAt >= since, cancellationToken);
        if (count < Options.SanctionThreshold
            || await db.Set<SanctionProposal>().AnyAsync(p => p.AgencyId == agencyId && p.Status == ProposalStatus.Open, cancellationToken))
        {
            return;
        }

        db.Add(new SanctionProposal
        {
            AgencyId = agencyId,
            ProposedAt = Now,
            CaseCount = count,
            WindowMonths = Options.SanctionWindowMonths,
            ResponseDeadline = Today.AddDays(Options.SanctionResponseDays),
            Status = ProposalStatus.Open,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A licensing officer's decision on a proposal; the system only ever proposes.</summary>
    public async Task<bool> DecideAsync(SanctionProposal proposal, ProposalStatus decision, string note, Guid officerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Status != ProposalStatus.Open || decision == ProposalStatus.Open || string.IsNullOrWhiteSpace(note) || note.Length > 1000)
        {
            return false;
        }

        proposal.Status = decision;
        proposal.DecidedAt = Now;
        proposal.DecidedById = officerId;
        proposal.DecisionNote = note.Trim();
        facts.AddSanctionDecision(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Finds an anonymous tip by its tracking code, whatever the case and dashes typed.</summary>
    public async Task<LegalCase?> ByTrackingCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var normalised = SensitiveData.NormaliseDocumentNumber(code ?? string.Empty);
        if (normalised.Length != 12)
        {
            return null;
        }

        var hash = TrackingHash(normalised);
        return await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.TrackingHash == hash, cancellationToken);
    }

    private string TrackingCodeFor(Guid submissionKey)
    {
        var bytes = sensitive.KeyedHash("case-tracking-code", submissionKey.ToString("N"));
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TrackingAlphabet[bytes[i] % TrackingAlphabet.Length];
        }

        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    private string TrackingHash(string code) => sensitive.LookupHash("TRACK" + code);

    private async Task<bool> CanManageAsync(LegalCase c, RegistryActor? actor, CancellationToken cancellationToken) =>
        actor?.UserId is { } user && c.Status == CaseStatus.Open
        && (c.AssigneeId == user || await IsSupervisorAsync(c.TeamId, user, cancellationToken));

    private Task<bool> IsSupervisorAsync(Guid teamId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<CaseTeamMember>().AnyAsync(m => m.TeamId == teamId && m.UserId == userId && m.IsSupervisor, cancellationToken);

    private CaseEvent Event(LegalCase c, CaseEventKind kind, RegistryActor? actor, string? text = null, string? detail = null) => new()
    {
        CaseId = c.Id,
        At = Now,
        Kind = kind,
        ActorId = actor?.UserId,
        ActorName = actor?.Name ?? string.Empty,
        TextCipher = text is null ? null : sensitive.Protect(text),
        Detail = detail,
    };

    private async Task<FactPerson> FactPersonAsync(LegalCase c, CancellationToken cancellationToken) =>
        c.PersonId is { } p
            ? await db.Set<Person>().AsNoTracking().Where(x => x.Id == p).Select(x => new FactPerson(x.Sex == Sex.Female ? "F" : x.Sex == Sex.Male ? "M" : null, x.BirthDate, x.RegionCode))
                .FirstOrDefaultAsync(cancellationToken) ?? FactPerson.Unknown
            : FactPerson.Unknown;

    private async Task<Fact> FactAsync(LegalCase c, FactKind kind, CancellationToken cancellationToken)
    {
        var person = await FactPersonAsync(c, cancellationToken);
        var closed = kind == FactKind.CaseClosed;
        return new Fact
        {
            Kind = kind,
            Date = Today,
            Sex = person.Sex,
            AgeBand = Fact.AgeBandOf(person.BirthDate, Today),
            RegionOfOrigin = person.Region,
            Destination = c.CountryCode,
            AgencyId = c.AgencyId,
            Detail = c.Category.ToString(),
            Priority = c.Priority.ToString(),
            Outcome = closed ? c.Outcome?.ToString() : null,
            DaysToFirstContact = closed && c.FirstContactAt is { } first ? (int)(first - c.OpenedAt).TotalDays : null,
            DaysToClose = closed && c.ClosedAt is { } end ? (int)(end - c.OpenedAt).TotalDays : null,
            RecordedAt = Now,
        };
    }
}

/// <summary>Who a recorded contact was with; stored as the event's detail.</summary>
public static class ContactWith
{
    public const string Migrant = nameof(Migrant);
    public const string Employer = nameof(Employer);
    public const string Authority = nameof(Authority);

    public static readonly IReadOnlyList<string> All = [Migrant, Employer, Authority];
}
