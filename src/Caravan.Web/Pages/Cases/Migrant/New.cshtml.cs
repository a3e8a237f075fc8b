using Caravan.Core.Cases;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Cases.Migrant;

/// <summary>A signed-in migrant asks for help: one short page, in their language, that works without JavaScript.</summary>
[RequestSizeLimit(CaseLimits.RequestBytes)]
public sealed class NewModel(RegistryCommands registry, CaseAttachments attachments, CaseIntake intake, JourneyCommands journeys, Catalogue catalogue, IOptions<CaseOptions> options, IOptions<NodeOptions> node)
    : MeModelBase(registry)
{
    [BindProperty]
    public CaseReportForm Form { get; set; } = new();

    public CaseReportView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        // Most requests come from abroad: start from the country the migrant is recorded as working in.
        Form.Country = (await journeys.OpenDepartureAsync(RecordIds, cancellationToken))?.Destination;
        View = await CaseReportView.CreateAsync(catalogue, Form, true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? attachment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (await Form.ReadAsync(catalogue, journeys, ModelState, attachment, options.Value.MaxAttachmentBytes, cancellationToken) is not { } read)
        {
            View = await CaseReportView.CreateAsync(catalogue, Form, true, cancellationToken);
            return Page();
        }

        var actor = RegistryActors.From(User, node.Value);
        var (opened, _, created) = await intake.OpenAsync(read.Report, CaseChannel.Migrant, Person.Id, actor, cancellationToken);
        if (created && read.File is { } file)
        {
            await attachments.AttachAsync(opened, file.Content, file.ContentType, file.FileName, null, cancellationToken);
        }

        return Redirect($"/me/cases/{opened.Reference}");
    }
}
