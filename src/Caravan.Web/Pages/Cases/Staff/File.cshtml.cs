using System.Globalization;
using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Cases.Staff;

/// <summary>
/// One case file. What is shown depends on <see cref="CaseAccess"/>: the full file (and a line in the person's access
/// log) for the worker, the supervisor and granted colleagues; the queue row for team members; that it exists and
/// which team has it for other supervisors; nothing for anyone else. Every action re-checks access in Core (CaseAccessRules).
/// </summary>
[Authorize(Roles = Roles.CaseWorkers)]
[RequestSizeLimit(CaseLimits.RequestBytes)]
public sealed class FileModel(CaseAccessRules access, CaseWork work, CaseAttachments attachments, CaseFiles files, CaseOutcomes outcomes, CaseQueries queries, Catalogue catalogue, IOptions<CaseOptions> options, IOptions<NodeOptions> node, TimeProvider time) : PageModel
{
    public LegalCase LegalCase { get; private set; } = null!;

    public CaseAccess Access { get; private set; }

    public CaseFile? CaseFile { get; private set; }

    public CaseTeam Team { get; private set; } = null!;

    public IReadOnlyList<CaseTeam> Teams { get; private set; } = [];

    public IReadOnlyList<(Guid UserId, string Name)> Members { get; private set; } = [];

    public bool IsSupervisor { get; private set; }

    public bool CanManage { get; private set; }

    public IReadOnlyList<string> Currencies { get; private set; } = [];

    public string CountryName { get; private set; } = string.Empty;

    public SlaState Sla { get; private set; }

    [BindProperty]
    public EntryForm Entry { get; set; } = new();

    [BindProperty]
    public CloseForm Closing { get; set; } = new();

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public Guid? TargetId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Priority { get; set; }

    [BindProperty]
    public string? ReferredTo { get; set; }

    [BindProperty]
    public string? ExternalReference { get; set; }

    /// <summary>The case's version when the file was shown (<see cref="SeenVersion"/>).</summary>
    [BindProperty]
    public Guid? Version { get; set; }

    private RegistryActor Actor => RegistryActors.From(User, node.Value);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostTakeAsync(string reference, CancellationToken cancellationToken) =>
        ActAsync(reference, (c, ct) => work.TakeAsync(c, Actor, ct), cancellationToken, versioned: true);

    public Task<IActionResult> OnPostMessageAsync(string reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Message) || Message.Length > CaseReport.MaxNarrative)
        {
            ModelState.AddModelError(nameof(Message), string.IsNullOrWhiteSpace(Message) ? "Cases.Error.MessageRequired" : "Cases.Error.NarrativeTooLong");
        }

        return ActAsync(reference, (c, ct) => work.MessageReporterAsync(c, Message!, Actor, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostEntryAsync(string reference, CancellationToken cancellationToken)
    {
        var kind = Entry.Kind switch
        {
            "Task" => CaseEventKind.Task,
            "Contact" => CaseEventKind.Contact,
            _ => CaseEventKind.Note,
        };
        if (string.IsNullOrWhiteSpace(Entry.Text) || Entry.Text.Length > CaseReport.MaxNarrative)
        {
            ModelState.AddModelError("Entry.Text", "Cases.Error.TextRequired");
        }

        DateOnly? due = null;
        if (kind == CaseEventKind.Task)
        {
            if (DateOnly.TryParseExact(Entry.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                due = d;
            }
            else
            {
                ModelState.AddModelError("Entry.Due", "Cases.Error.Due");
            }
        }

        if (kind == CaseEventKind.Contact && !ContactWith.All.Contains(Entry.With ?? string.Empty))
        {
            ModelState.AddModelError("Entry.With", "Cases.Error.ContactWith");
        }

        return ActAsync(reference, (c, ct) => work.AddEntryAsync(c, kind, Entry.Text!, Entry.With, due, Actor, ct), cancellationToken);
    }

    public async Task<IActionResult> OnPostAttachAsync(string reference, IFormFile? attachment, CancellationToken cancellationToken)
    {
        AttachmentUpload? upload = null;
        if (attachment is null)
        {
            ModelState.AddModelError("Attachment", "Cases.Attachment.Empty");
        }
        else
        {
            upload = await AttachmentUpload.ReadAsync(attachment, options.Value.MaxAttachmentBytes, ModelState, "Attachment", cancellationToken);
        }

        return await ActAsync(reference, async (c, ct) =>
        {
            if (c.Status != CaseStatus.Open || await access.AccessAsync(c, User.GetUserId(), ct) != CaseAccess.File)
            {
                return false;
            }

            await attachments.AttachAsync(c, upload!.Content, upload.ContentType, upload.FileName, Actor, ct);
            return true;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostTaskDoneAsync(string reference, Guid task, CancellationToken cancellationToken) =>
        ActAsync(reference, (c, ct) => work.CompleteTaskAsync(c, task, Actor, ct), cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(string reference, CancellationToken cancellationToken)
    {
        if (TargetId is null)
        {
            ModelState.AddModelError(nameof(TargetId), "Cases.Error.Assignee");
        }

        return ActAsync(reference, (c, ct) => work.AssignAsync(c, TargetId!.Value, Actor, ct), cancellationToken, versioned: true);
    }

    public Task<IActionResult> OnPostGrantAsync(string reference, CancellationToken cancellationToken)
    {
        if (TargetId is null)
        {
            ModelState.AddModelError(nameof(TargetId), "Cases.Error.Assignee");
        }

        return ActAsync(reference, (c, ct) => work.GrantAsync(c, TargetId!.Value, Actor, ct), cancellationToken, versioned: true);
    }

    public Task<IActionResult> OnPostTransferAsync(string reference, CancellationToken cancellationToken)
    {
        if (TargetId is null)
        {
            ModelState.AddModelError(nameof(TargetId), "Cases.Error.Team");
        }

        // After a transfer the worker may no longer see the file: back to the queue.
        return ActAsync(reference, (c, ct) => work.TransferAsync(c, TargetId!.Value, Note, Actor, ct), cancellationToken, "/cases", versioned: true);
    }

    public Task<IActionResult> OnPostReferAsync(string reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ReferredTo) || ReferredTo.Length > 200)
        {
            ModelState.AddModelError(nameof(ReferredTo), "Cases.Error.ReferredToRequired");
        }

        return ActAsync(reference, (c, ct) => work.ReferAsync(c, ReferredTo!, ExternalReference, Actor, ct), cancellationToken, versioned: true);
    }

    public Task<IActionResult> OnPostPriorityAsync(string reference, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<CasePriority>(Priority, out var priority) || !Enum.IsDefined(priority))
        {
            ModelState.AddModelError(nameof(Priority), "Cases.Error.Priority");
        }

        if (string.IsNullOrWhiteSpace(Note))
        {
            ModelState.AddModelError(nameof(Note), "Cases.Error.ReasonRequired");
        }

        return ActAsync(reference, (c, ct) => work.SetPriorityAsync(c, priority, Note!, Actor, ct), cancellationToken, versioned: true);
    }

    public async Task<IActionResult> OnPostCloseAsync(string reference, CancellationToken cancellationToken)
    {
        CaseClosing? closing = null;
        if (!Enum.TryParse<CaseOutcome>(Closing.Outcome, out var outcome) || !Enum.IsDefined(outcome))
        {
            ModelState.AddModelError("Closing.Outcome", "Cases.Error.Outcome");
        }
        else
        {
            decimal? amount = null;
            if (!string.IsNullOrWhiteSpace(Closing.Amount))
            {
                if (decimal.TryParse(Closing.Amount.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var a))
                {
                    amount = a;
                }
                else
                {
                    ModelState.AddModelError("Closing.Amount", "Cases.Error.Amount");
                }
            }

            closing = new CaseClosing(outcome, Closing.Substantiated == "yes", amount, Closing.Currency, Closing.DocumentsReturned == "yes", Closing.Repatriated == "yes",
                Closing.Reason, Closing.ReferredTo, Closing.ExternalReference);
            var currencies = await catalogue.CurrencyCodesAsync(cancellationToken);
            foreach (var (field, key) in closing.Validate(currencies))
            {
                ModelState.AddModelError("Closing." + field, key);
            }
        }

        return await ActAsync(reference, (c, ct) => outcomes.CloseAsync(c, closing!, Actor, ct), cancellationToken, versioned: true);
    }

    /// <summary>Downloads an attachment: always as a file, never shown inline, and only to those who may open the case.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(string reference, Guid id, CancellationToken cancellationToken)
    {
        var c = await files.ByReferenceAsync(reference, cancellationToken);
        if (c is null || await access.AccessAsync(c, User.GetUserId(), cancellationToken) != CaseAccess.File
            || await attachments.ReadAttachmentAsync(c, id, cancellationToken) is not { } read)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(read.Content, "application/octet-stream", read.FileName.Length == 0 ? "attachment" : read.FileName);
    }

    /// <summary>
    /// Runs one action on the case. Decisions about the case itself (who has it, where it goes, how it ends) are
    /// <paramref name="versioned"/>: made on an older version than the current one, they are refused and the file shown
    /// as it now is. Notes, messages and attachments only add to the file, so a colleague's change does not stop them.
    /// </summary>
    private async Task<IActionResult> ActAsync(string reference, Func<LegalCase, CancellationToken, Task<bool>> action, CancellationToken cancellationToken, string? next = null, bool versioned = false)
    {
        var c = await files.ByReferenceAsync(reference, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        if (versioned && SeenVersion.IsStale(ModelState, c, Version))
        {
            return await LoadAsync(reference, cancellationToken) ?? Page();
        }

        if (ModelState.IsValid)
        {
            if (await action(c, cancellationToken))
            {
                return Redirect(next ?? $"/cases/{c.Reference}");
            }

            ModelState.AddModelError(string.Empty, "Cases.Error.NotAllowed");
        }

        return await LoadAsync(reference, cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var c = await files.ByReferenceAsync(reference, cancellationToken);
        var userId = User.GetUserId();
        if (c is null)
        {
            return NotFound();
        }

        Access = await access.AccessAsync(c, userId, cancellationToken);
        if (Access == CaseAccess.None)
        {
            return NotFound();
        }

        LegalCase = c;
        Sla = Core.Cases.Sla.StateOf(Core.Cases.Sla.NextDeadline(c), time.GetUtcNow().UtcDateTime, TimeSpan.FromHours(options.Value.DueSoonHours));
        Teams = await queries.TeamsAsync(cancellationToken);
        Team = Teams.Single(t => t.Id == c.TeamId);
        if (Access == CaseAccess.File)
        {
            CaseFile = await files.OpenFileAsync(c, Actor, cancellationToken);
            Members = await queries.MembersAsync(c.TeamId, cancellationToken);
            IsSupervisor = (await queries.MembershipsAsync(userId!.Value, cancellationToken)).Any(m => m.TeamId == c.TeamId && m.IsSupervisor);
            CanManage = c.Status == CaseStatus.Open && (IsSupervisor || c.AssigneeId == userId);
            Currencies = (await catalogue.CurrencyCodesAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
            CountryName = await catalogue.CountryNameAsync(c.CountryCode, CultureInfo.CurrentUICulture.Name, cancellationToken);
        }

        return null;
    }

    public sealed class EntryForm
    {
        public string? Kind { get; set; }

        public string? Text { get; set; }

        public string? With { get; set; }

        public string? Due { get; set; }
    }

    public sealed class CloseForm
    {
        public string? Outcome { get; set; }

        public string? Substantiated { get; set; }

        public string? Amount { get; set; }

        public string? Currency { get; set; }

        public string? DocumentsReturned { get; set; }

        public string? Repatriated { get; set; }

        public string? Reason { get; set; }

        public string? ReferredTo { get; set; }

        public string? ExternalReference { get; set; }
    }
}
