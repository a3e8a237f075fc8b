using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Datasets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Statistics.Datasets;

/// <summary>
/// Step 3 of the import wizard: names to match by hand, problems by row and column, a preview, and the commit with
/// source, licence and notes. Nothing is written to a dataset until the table has no problem left.
/// </summary>
[Authorize(Roles = Roles.Analyst)]
public sealed class CheckModel(DatasetUploads uploads, DatasetCommitter committer, DatasetQueries queries, Catalogue catalogue, IOptions<NodeOptions> node, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PreviewRows = 20;

    [BindProperty(SupportsGet = true)]
    public string? Dataset { get; set; }

    [BindProperty]
    public List<NameChoice> Names { get; set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Indicator { get; set; } = StockComparison.Indicator;

    [BindProperty]
    public string? Measure { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? Licence { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public StatUpload Upload { get; private set; } = null!;

    public ImportCheckResult Result { get; private set; } = new();

    public IReadOnlyList<StatDataset> Existing { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Countries { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Regions { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNamesAsync(Guid id, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, cancellationToken);
        if (upload is null)
        {
            return NotFound();
        }

        var chosen = Names.Where(n => !string.IsNullOrEmpty(n.Code)).Select(n => (n.Kind ?? string.Empty, n.Name ?? string.Empty, n.Code!)).ToList();
        if (chosen.Count == 0 || !await uploads.SaveNamesAsync(upload, chosen, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "Statistics.Import.Check.NamesInvalid");
            await LoadAsync(id, cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        return Redirect(Self(id));
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, cancellationToken);
        if (upload is null)
        {
            return NotFound();
        }

        var details = new DatasetDetails(string.IsNullOrEmpty(Dataset) ? null : Dataset, Title, Indicator, Measure, Source, Licence, Notes);
        var (version, problem) = await committer.CommitAsync(upload, details, cancellationToken);
        if (version is not null)
        {
            TempData["Imported"] = l["Statistics.Import.Committed", version.Number, version.ObservationCount.ToString("N0", CultureInfo.CurrentCulture)].Value;
            return Redirect($"/statistics/datasets/{version.Dataset!.Code}");
        }

        var field = problem switch
        {
            CommitProblem.Title => nameof(Title),
            CommitProblem.Measure => nameof(Measure),
            CommitProblem.Source => nameof(Source),
            CommitProblem.Licence => nameof(Licence),
            CommitProblem.Dataset => nameof(Dataset),
            CommitProblem.None or CommitProblem.NotChecked or CommitProblem.AlreadyImported => string.Empty,
            _ => throw new InvalidOperationException($"No field for {problem}."),
        };
        ModelState.AddModelError(field, "Statistics.Import.Commit." + problem);
        await LoadAsync(id, cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>The problem in the reader's language.</summary>
    public string Message(ImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Problem == ImportProblem.Number && error.Detail is not null)
        {
            return l["Statistics.Import.Number." + error.Detail];
        }

        return error.Problem == ImportProblem.Duplicate
            ? l["Statistics.Import.Problem.Duplicate", error.Detail ?? string.Empty]
            : l["Statistics.Import.Problem." + error.Problem];
    }

    public string Place(string kind, string code) =>
        code == Codelists.Total ? l["Statistics.Code.Total"]
        : kind == HandMappedNames.Region ? Regions.FirstOrDefault(r => r.Key == code).Value ?? code
        : CountryNames.GetValueOrDefault(code, code);

    public static string Self(Guid id) => $"/statistics/datasets/import/{id:N}/check";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(id, cancellationToken);
        if (upload is null)
        {
            return false;
        }

        Upload = upload;
        (_, _, Result) = await uploads.CheckAsync(upload, cancellationToken);
        Existing = await queries.ListAsync(cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var order = StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true);
        Countries = [.. CountryNames.OrderBy(n => n.Value, order)];
        Regions = [.. (await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken)).OrderBy(n => n.Value, order)];
        return true;
    }

    public sealed class NameChoice
    {
        public string? Kind { get; set; }

        public string? Name { get; set; }

        public string? Code { get; set; }
    }
}
