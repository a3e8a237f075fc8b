using System.Globalization;
using System.Text;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Statistics;
using Caravan.Core.Statistics.Disclosure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Statistics;

/// <summary>
/// The statistics explorer. The whole question is in the query string (the API's own parameters, plus indicator), so
/// every view is a permalink and the form works without JavaScript. The public sees the disclosure-controlled figures;
/// a signed-in analyst sees exact ones unless they ask for the published view. Figures come only from
/// <see cref="StatisticsService"/>, which is the one way to a published number.
/// </summary>
public sealed class IndexModel(
    StatisticsRequestParser parser, StatisticsService statistics, Codelists codelists, CodeNames codeNames, Catalogue catalogue, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Rows shown on the page; the downloads have them all.</summary>
    public const int MaxRows = 50;

    public const string IndicatorParameter = "indicator";
    public const string PublishedParameter = "published";

    public IndicatorDefinition Indicator { get; private set; } = Indicators.All[0];

    public StatisticsAnswer? Answer { get; private set; }

    /// <summary>Why the question could not be answered, in the reader's language.</summary>
    public string? Error { get; private set; }

    public bool IsAnalyst => User.IsInRole(Roles.Analyst);

    /// <summary>An analyst looking at what the public sees.</summary>
    public bool ShowPublished { get; private set; }

    public IReadOnlyList<string> Breakdown { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Filters { get; private set; } = new Dictionary<string, string>();

    public string? StartPeriod { get; private set; }

    public string? EndPeriod { get; private set; }

    /// <summary>The codes of each dimension of the indicator, with their names, for the filters.</summary>
    public IReadOnlyList<(Dimension Dimension, IReadOnlyList<(string Code, string Name)> Codes)> Choices { get; private set; } = [];

    private Dictionary<Dimension, IReadOnlyDictionary<string, string>> names = [];

    private IReadOnlyDictionary<string, string> numeric = new Dictionary<string, string>();

    /// <summary>The ISO 3166-1 numeric code of a destination, for the map; null for totals and unknowns.</summary>
    public string? Numeric(string code) => numeric.GetValueOrDefault(code);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await AskAsync(cancellationToken);
        return Error is null ? Page() : new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>The same view as a file: csv and xlsx are labelled for reading, sdmx-csv is SDMX-CSV 2.0.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "xlsx" or "sdmx-csv"))
        {
            Error = l["Statistics.Explorer.Error.Format"];
            await AskAsync(cancellationToken);
            Error ??= l["Statistics.Explorer.Error.Format"];
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await AskAsync(cancellationToken);
        if (Answer is null)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var file = $"{Indicator.Code}-{(Answer.Observations.Count > 0 ? Answer.Observations[0].Period : null) ?? "empty"}-{(Answer.Request.Exact ? "exact" : "published")}";
        // Exact figures are an analyst's: no shared cache may keep them.
        Response.Headers.CacheControl = Answer.Request.Exact ? "private, no-store" : "public, max-age=300";
        if (format == "xlsx")
        {
            var stream = new MemoryStream();
            await AnswerFiles.WriteXlsxAsync(stream, Answer, Name, StatusText, cancellationToken);
            stream.Position = 0;
            return File(stream, AnswerFiles.XlsxMediaType, file + ".xlsx");
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        if (format == "csv")
        {
            await AnswerFiles.WriteCsvAsync(text, Answer, Name, StatusText, cancellationToken);
            return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), AnswerFiles.CsvMediaType + "; charset=utf-8", file + ".csv");
        }

        await SdmxCsv.WriteAsync(text, Answer, cancellationToken);
        return File(Encoding.UTF8.GetBytes(text.ToString()), SdmxCsv.MediaType, file + ".sdmx.csv");
    }

    /// <summary>The name of a code in the reader's language; the code itself when it has none.</summary>
    public string Name(Dimension dimension, string code)
    {
        if (code == Codelists.Total)
        {
            return l["Statistics.Code.Total"];
        }

        if (code == Codelists.Unknown)
        {
            return l["Statistics.Code.Unknown"];
        }

        var key = dimension == Dimension.Sex ? (code == "F" ? "Sex.Female" : "Sex.Male")
            : dimension == Dimension.Category ? CategoryKey(Indicator.CategoryCodelist, code)
            : null;
        if (key is not null)
        {
            return l[key];
        }

        if (dimension == Dimension.AgeBand)
        {
            return Codelists.StoredAge(code).Replace('-', '–');
        }

        return names.TryGetValue(dimension, out var found) && found.TryGetValue(code, out var name) ? name : code;
    }

    public string StatusText(CellStatus status) => status switch
    {
        CellStatus.Published => l["Statistics.Status.Published"],
        CellStatus.Suppressed => l["Statistics.Status.Suppressed"],
        CellStatus.SecondarySuppressed => l["Statistics.Status.SecondarySuppressed"],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>This view as a download, or as the published or exact view.</summary>
    public string Link(string? handler = null, string? format = null, bool? published = null)
    {
        var query = Request.Query.Where(q => q.Key is not ("handler" or "format") && (published is null || q.Key != PublishedParameter))
            .SelectMany(q => q.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v!)}"))
            .ToList();
        if (!query.Any(q => q.StartsWith(IndicatorParameter + "=", StringComparison.Ordinal)))
        {
            query.Insert(0, $"{IndicatorParameter}={Indicator.Code}");
        }

        if (published == true)
        {
            query.Add($"{PublishedParameter}=true");
        }

        if (handler is not null)
        {
            query.Add($"handler={handler}");
            query.Add($"format={format}");
        }

        return "/statistics?" + string.Join('&', query);
    }

    private static string? CategoryKey(string? codelist, string code) => codelist switch
    {
        "return-reason" => "ReturnReason." + code,
        "licence-change" => "LicenceEvent." + code,
        "inspection-result" or "fee-violation-source" => "Statistics.Category." + code,
        "sanction" => code == FactWriter.FromCaseProposal ? "Statistics.Category." + code : "Sanction." + code,
        "case-category" => "CaseCategory." + code,
        "ilo-indicator" => "Indicator." + code,
        "case-outcome" => "CaseOutcome." + code,
        _ => null,
    };

    private async Task AskAsync(CancellationToken cancellationToken)
    {
        var query = Request.Query;
        var code = query[IndicatorParameter].ToString();
        if (code.Length > 0 && Indicators.Find(code) is null)
        {
            Error = l["Statistics.Explorer.Error.Indicator"];
        }

        Indicator = Indicators.Find(code) ?? Indicator;
        ShowPublished = IsAnalyst && query[PublishedParameter] == "true";
        await LoadChoicesAsync(cancellationToken);
        if (Error is not null)
        {
            return;
        }

        // Filters of another indicator's dimensions are left over from the indicator the reader had before: dropped.
        var allowed = Indicator.Dimensions.Select(Codelists.Id).ToHashSet(StringComparer.Ordinal);
        Breakdown = [.. query[StatisticsRequestParser.BreakdownParameter].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Where(allowed.Contains).Distinct()];
        Filters = query.Where(q => allowed.Contains(q.Key) && q.Value.ToString().Length > 0).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        StartPeriod = query[StatisticsRequestParser.StartParameter].ToString() is { Length: > 0 } s ? s.Trim() : null;
        EndPeriod = query[StatisticsRequestParser.EndParameter].ToString() is { Length: > 0 } e ? e.Trim() : null;
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Breakdown.Count > 0)
        {
            parameters.Add(new(StatisticsRequestParser.BreakdownParameter, string.Join(',', Breakdown)));
        }

        parameters.AddRange(Filters.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)));
        if (StartPeriod is not null)
        {
            parameters.Add(new(StatisticsRequestParser.StartParameter, StartPeriod));
        }

        if (EndPeriod is not null)
        {
            parameters.Add(new(StatisticsRequestParser.EndParameter, EndPeriod));
        }

        if (IsAnalyst && !ShowPublished)
        {
            parameters.Add(new(StatisticsRequestParser.ExactParameter, "true"));
        }

        var (request, error) = await parser.ParseAsync(Indicator.Code, parameters, IsAnalyst, cancellationToken);
        if (request is null)
        {
            Error = error!.Kind switch
            {
                StatisticsErrorKind.Period => l["Statistics.Explorer.Error.Period", Periods.MaxPeriods],
                StatisticsErrorKind.TooManyDimensions => l["Statistics.Explorer.Error.Dimensions", StatisticsRequestParser.MaxPublicDimensions],
                StatisticsErrorKind.Indicator => l["Statistics.Explorer.Error.Indicator"],
                StatisticsErrorKind.Dimension or StatisticsErrorKind.Code or StatisticsErrorKind.Exact => l["Statistics.Explorer.Error.Query"],
                _ => throw new InvalidOperationException($"No message for {error.Kind}."),
            };
            return;
        }

        Answer = await statistics.AnswerAsync(request, cancellationToken);
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        var loaded = new Dictionary<Dimension, IReadOnlyDictionary<string, string>>();
        foreach (var dimension in Indicator.Dimensions)
        {
            loaded[dimension] = await codeNames.ForAsync(dimension, language, cancellationToken);
        }

        names = loaded;
        if (Indicator.Allows(Dimension.Destination))
        {
            numeric = await catalogue.CountryNumericCodesAsync(cancellationToken);
        }

        var choices = new List<(Dimension, IReadOnlyList<(string, string)>)>();
        foreach (var dimension in Indicator.Dimensions)
        {
            var codes = await codelists.CodesAsync(Indicator, dimension, cancellationToken);
            var named = codes.Select(c => (c, Name(dimension, c)));
            // Long lists read best in alphabetical order of their names; short fixed ones keep their order.
            choices.Add((dimension, dimension is Dimension.Region or Dimension.Destination or Dimension.Agency
                ? [.. named.OrderBy(n => n.Item2, StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true))]
                : [.. named]));
        }

        Choices = choices;
    }
}
