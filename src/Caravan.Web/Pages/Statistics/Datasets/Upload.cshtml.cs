using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Statistics.Datasets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Statistics.Datasets;

/// <summary>Step 1 of the import wizard: the file. A file already imported is refused by its hash; one already uploaded goes on where it was.</summary>
[Authorize(Roles = Roles.Analyst)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class UploadModel(DatasetUploads uploads, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Above the file limit, so that a file slightly too large is told so by this page rather than by a bare 413.</summary>
    public const long MaxRequestBytes = TableGridReader.MaxBytes + (2 * 1024 * 1024);

    public static readonly long MaxMegabytes = TableGridReader.MaxBytes / (1024 * 1024);

    [BindProperty]
    public IFormFile? Table { get; set; }

    /// <summary>The dataset this file is to become a new version of, carried to the last step.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Dataset { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Table is null || Table.Length == 0)
        {
            ModelState.AddModelError(nameof(Table), Table is null ? "Statistics.Import.File.Required" : "Statistics.Import.File.Empty");
            return Invalid();
        }

        await using var content = Table.OpenReadStream();
        var outcome = await uploads.UploadAsync(Table.FileName, content, cancellationToken);
        if (outcome.AlreadyImportedAs is { } version)
        {
            ModelState.AddModelError(nameof(Table), l["Statistics.Import.File.AlreadyImported", version.ImportedAt.ToString("d", CultureInfo.CurrentCulture), version.Number, version.Dataset!.Title]);
            return Invalid();
        }

        if (outcome.Upload is null)
        {
            var message = outcome.Problem == TableFileProblem.TooLarge ? l["Statistics.Import.File.TooLarge", MaxMegabytes]
                : outcome.Problem == TableFileProblem.TooManyRows ? l["Statistics.Import.File.TooManyRows", TableGridReader.MaxRows.ToString("N0", CultureInfo.CurrentCulture)]
                : l["Statistics.Import.File." + outcome.Problem];
            ModelState.AddModelError(nameof(Table), message);
            return Invalid();
        }

        var next = $"/statistics/datasets/import/{outcome.Upload.Id:N}/map";
        return Redirect(string.IsNullOrEmpty(Dataset) ? next : next + "?dataset=" + Uri.EscapeDataString(Dataset));
    }

    private static PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };
}
