using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Caravan.Web.Pages.Training;

/// <summary>The migrant's sessions, places on waiting lists, results, and certificates with their QR.</summary>
public sealed class MineModel(RegistryCommands registry, TrainingQueries training, TrainingCommands commands, Catalogue catalogue) : MeModelBase(registry)
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

    public static string Qr(string token)
    {
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.L);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(3));
    }
}
