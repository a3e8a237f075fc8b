using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Statistics.Datasets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics.Datasets;

/// <summary>Step 2 of the import wizard: which row is the heading, what each column holds, and what the table leaves to its title.</summary>
[Authorize(Roles = Roles.Analyst)]
public sealed class MapModel(DatasetUploads uploads, Catalogue catalogue, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Rows of the file shown above the form; enough for a title, notes and the first figures.</summary>
    public const int PreviewRows = 15;

    public const int MaxColumns = 40;

    [BindProperty(SupportsGet = true)]
    public string? Dataset { get; set; }

    [BindProperty]
    public string? HeaderRow { get; set; }

    [BindProperty]
    public List<ColumnRole> Columns { get; set; } = [];

    [BindProperty]
    public HeaderDimension HeaderHolds { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Origin { get; set; }

    [BindProperty]
    public string? Destination { get; set; }

    [BindProperty]
    public string Separator { get; set; } = ".";

    public StatUpload Upload { get; private set; } = null!;

    public TableGrid Grid { get; private set; } = null!;

    public ImportMapping Mapping { get; private set; } = new();

    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Mapping = ImportMapping.FromJson(Upload.Mapping) ?? DatasetUploads.Guess(Grid);
        Origin = Mapping.Origin ?? node.Value.Country;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var rows = Grid.Rows.Count;
        if (!int.TryParse(HeaderRow, NumberStyles.None, CultureInfo.InvariantCulture, out var header) || header < 1 || header > rows)
        {
            ModelState.AddModelError(nameof(HeaderRow), l["Statistics.Import.Map.HeaderRowInvalid", rows]);
        }

        Mapping = new ImportMapping
        {
            HeaderRow = ModelState.IsValid ? header : 1,
            Columns = [.. Columns.Take(Math.Min(Grid.Columns, MaxColumns))],
            HeaderHolds = HeaderHolds,
            Date = string.IsNullOrWhiteSpace(Date) ? null : Date.Trim(),
            Origin = string.IsNullOrWhiteSpace(Origin) ? null : Origin,
            Destination = string.IsNullOrWhiteSpace(Destination) ? null : Destination,
            DecimalSeparator = Separator == "," ? ',' : '.',
        };
        if (!ModelState.IsValid)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await uploads.SaveMappingAsync(Upload, Mapping, cancellationToken);
        var next = $"/statistics/datasets/import/{id:N}/check";
        return Redirect(string.IsNullOrEmpty(Dataset) ? next : next + "?dataset=" + Uri.EscapeDataString(Dataset));
    }

    public ColumnRole RoleOf(int column) => column < Mapping.Columns.Count ? Mapping.Columns[column] : ColumnRole.Ignore;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, cancellationToken);
        if (upload is null)
        {
            return false;
        }

        Upload = upload;
        Grid = await uploads.GridAsync(upload, cancellationToken);
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Countries = [.. names.OrderBy(n => n.Value, StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true))];
        return true;
    }
}
