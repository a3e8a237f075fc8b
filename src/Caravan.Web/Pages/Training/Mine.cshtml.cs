using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Caravan.Web.Pages.Migrants.Profile;
using Caravan.Core.Credentials;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Training;

/// <summary>The migrant's sessions, places on waiting lists, results, and certificates with their QR.</summary>
public sealed class MineModel(
    RegistryCommands registry, TrainingQueries training, TrainingCommands commands, Catalogue catalogue, CredentialPdf pdf, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l)
    : MeModelBase(registry)
{
    public IReadOnlyList<PersonEnrolment> Enrolments { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public string? Enrolled { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Enrolled = TempData["Training.Enrolled"] as string;
        Enrolments = await training.ForPersonAsync(RecordIds, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid enrolment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        await commands.CancelAsync(enrolment, RecordIds, cancellationToken);
        return RedirectToPage();
    }

    /// <summary>One of the person's certificates as a PDF, with the same QR; any other code is not found.</summary>
    public async Task<IActionResult> OnGetCertificateAsync(string? code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var item = (await training.ForPersonAsync(RecordIds, cancellationToken)).FirstOrDefault(e => e.Certificate is { } c && string.Equals(c.Code, code, StringComparison.Ordinal));
        if (item?.Certificate is not { } certificate)
        {
            return NotFound();
        }

        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var session = item.Enrolment.Session!;
        var title = l["CredentialKind." + CredentialKind.TrainingCertificate];
        PdfRow Row(string key, string value) => new(l[key], [value]);
        var section = new PdfSection(title, [
            Row("Card.Holder", certificate.Initials),
            new(l["Verify.Course"], [IndexModel.CourseName(session.Course!, l, names), l["Training.Hours", session.Course!.Hours]]),
            Row("Verify.Date", certificate.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Row("Training.Where", $"{session.Centre!.Name}, {session.Centre.City}")],
            [l["Training.Certificate.Verify", new Uri(node.Value.PublicUrl, "/verify")]]);
        var sheet = new PdfSheet(title, certificate.Code, l["Training.Mine.Certificate"], certificate.Token, [section]);
        return File(pdf.Render(sheet), "application/pdf", certificate.Code + ".pdf");
    }
}
