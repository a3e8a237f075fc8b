using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Training.Trainer;

/// <summary>
/// A session's roster for its trainer: attendance and assessment per person (a pass issues the certificate), and
/// enrolment at the centre by registry reference. Other sessions are not found. Each person listed is a logged read.
/// </summary>
[Authorize(Roles = Roles.Trainer)]
public sealed class SessionModel(TrainingQueries training, TrainingCommands commands, RegistryCommands registry, PersonAccessLog access, Catalogue catalogue, IOptions<NodeOptions> node) : PageModel
{
    public const string AccessReason = "Training attendance";

    public SessionView View { get; private set; } = null!;

    public IReadOnlyList<(Enrolment Enrolment, Person Person)> People { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        Message = done;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAssessAsync(Guid id, Guid enrolment, EnrolmentStatus outcome, CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } trainer)
        {
            return Forbid();
        }

        if (outcome is not (EnrolmentStatus.Passed or EnrolmentStatus.Failed or EnrolmentStatus.Absent))
        {
            ModelState.AddModelError(string.Empty, "Trainer.Error.Outcome");
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await commands.AssessAsync(trainer, enrolment, outcome, cancellationToken);
        if (result == AssessResult.NotFound)
        {
            return NotFound();
        }

        if (result != AssessResult.Done)
        {
            ModelState.AddModelError(string.Empty, "Trainer.Error." + result);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return RedirectToPage(new { id, done = "Assessed" });
    }

    public async Task<IActionResult> OnPostEnrolAsync(Guid id, string? reference, CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } trainer)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var person = string.IsNullOrWhiteSpace(reference) ? null : await registry.ByReferenceAsync(reference.Trim().ToUpperInvariant(), cancellationToken);
        if (person is null)
        {
            ModelState.AddModelError("reference", "Trainer.Error.Reference");
            return Page();
        }

        var actor = RegistryActors.From(User, node.Value);
        var result = await commands.EnrolAsync(id, person.Id, actor.Name, waitingList: true, cancellationToken);
        if (result is EnrolResult.Enrolled or EnrolResult.Waiting)
        {
            return RedirectToPage(new { id, done = result.ToString() });
        }

        ModelState.AddModelError("reference", "Training.Refused." + result);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetUserId() is not { } trainer)
        {
            return false;
        }

        var roster = await training.RosterAsync(id, trainer, cancellationToken);
        if (roster is null)
        {
            return false;
        }

        (View, People) = roster.Value;
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var actor = RegistryActors.From(User, node.Value);
        foreach (var (_, person) in People)
        {
            await access.RecordViewAsync(person.Id, actor, AccessReason, cancellationToken);
        }

        return true;
    }
}
