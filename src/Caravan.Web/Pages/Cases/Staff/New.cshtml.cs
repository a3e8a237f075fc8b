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
/// A hotline operator taking a call, or a consular officer meeting a migrant, opens a case. The person is found by
/// their registry reference; a caller who is not registered gets a case without a person, and can be registered later.
/// </summary>
[Authorize(Roles = Roles.CaseWorkers)]
[RequestSizeLimit(CaseLimits.RequestBytes)]
public sealed class NewModel(CaseAttachments attachments, CaseIntake intake, RegistryCommands registry, JourneyCommands journeys, Catalogue catalogue, IOptions<CaseOptions> options, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public CaseReportForm Form { get; set; } = new();

    [BindProperty]
    public string? PersonReference { get; set; }

    public CaseReportView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await CaseReportView.CreateAsync(catalogue, Form, true, cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? attachment, CancellationToken cancellationToken)
    {
        Person? person = null;
        if (!string.IsNullOrWhiteSpace(PersonReference))
        {
            person = await registry.ByReferenceAsync(PersonReference.Trim().ToUpperInvariant(), cancellationToken);
            if (person is null)
            {
                ModelState.AddModelError(nameof(PersonReference), "Cases.Error.Person");
            }
            else
            {
                person = await registry.ResolveAsync(person, cancellationToken);
            }
        }

        if (await Form.ReadAsync(catalogue, journeys, ModelState, attachment, options.Value.MaxAttachmentBytes, cancellationToken) is not { } read || !ModelState.IsValid)
        {
            View = await CaseReportView.CreateAsync(catalogue, Form, true, cancellationToken);
            return Page();
        }

        var channel = User.IsInRole(Roles.ConsularOfficer) ? CaseChannel.Consular : User.IsInRole(Roles.HotlineOperator) ? CaseChannel.Hotline : CaseChannel.Office;
        var actor = RegistryActors.From(User, node.Value);
        var (opened, _, created) = await intake.OpenAsync(read.Report, channel, person?.Id, actor, cancellationToken);
        if (created && read.File is { } file)
        {
            await attachments.AttachAsync(opened, file.Content, file.ContentType, file.FileName, actor, cancellationToken);
        }

        return Redirect($"/cases/{opened.Reference}");
    }
}
