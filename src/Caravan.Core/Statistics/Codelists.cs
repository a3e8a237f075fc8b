using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Statistics;

/// <summary>
/// The codes a dimension may take on the wire, and their mapping to what the aggregates store. "_T" is the total and
/// "_U" unknown, as in SDMX's cross-domain codelists; age bands use SDMX's Y15T19 form because "65+" is not a valid id.
/// </summary>
public sealed class Codelists(CaravanDbContext db, Catalogue catalogue, IMemoryCache cache, IOptions<NodeOptions> node)
{
    public const string Total = "_T";
    public const string Unknown = "_U";

    private Dictionary<Dimension, IReadOnlyList<string>>? fixedLists;
    private Dictionary<string, string>? agencyByLicence;
    private Dictionary<string, string>? licenceByAgency;

    public static string Id(Dimension dimension) => dimension switch
    {
        Dimension.Sex => "sex",
        Dimension.AgeBand => "age",
        Dimension.Region => "region",
        Dimension.Destination => "destination",
        Dimension.Occupation => "occupation",
        Dimension.Agency => "agency",
        Dimension.Category => "category",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public static readonly IReadOnlyDictionary<string, Dimension> ByQueryName = Enum.GetValues<Dimension>().ToDictionary(Id, d => d, StringComparer.Ordinal);

    /// <summary>The categories of each category codelist named in the catalogue.</summary>
    public static IReadOnlyList<string> Categories(string codelist) => codelist switch
    {
        "return-reason" => Enum.GetNames<ReturnReason>(),
        "licence-change" => Enum.GetNames<LicenceEventKind>(),
        "inspection-result" => ["NoViolation", "Violation"],
        "sanction" => [.. Enum.GetNames<ProposedSanction>().Where(n => n != nameof(ProposedSanction.None)), FactWriter.FromCaseProposal],
        "fee-violation-source" => [FactWriter.FromInspection, FactWriter.FromContract],
        "case-category" => Enum.GetNames<CaseCategory>(),
        "ilo-indicator" => Enum.GetNames<ForcedLabourIndicator>(),
        "case-outcome" => Enum.GetNames<CaseOutcome>(),
        _ => [],
    };

    public static readonly IReadOnlyList<string> AgeCodes =
        ["Y0T14", "Y15T19", "Y20T24", "Y25T29", "Y30T34", "Y35T39", "Y40T44", "Y45T49", "Y50T54", "Y55T59", "Y60T64", "Y_GE65"];

    /// <summary>Every code a filter on the dimension may name for the indicator, "_U" included.</summary>
    public async Task<IReadOnlyList<string>> CodesAsync(IndicatorDefinition indicator, Dimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (dimension == Dimension.Category)
        {
            return [.. Categories(indicator.CategoryCodelist ?? string.Empty), Unknown];
        }

        if (dimension == Dimension.Agency)
        {
            await LoadAgenciesAsync(cancellationToken);
            return [.. agencyByLicence!.Keys.Order(StringComparer.Ordinal), Unknown];
        }

        fixedLists ??= new()
        {
            [Dimension.Sex] = ["F", "M", Unknown],
            [Dimension.AgeBand] = [.. AgeCodes, Unknown],
            [Dimension.Occupation] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", Unknown],
            [Dimension.Region] = [.. (await catalogue.SubdivisionsAsync(node.Value.Country, cancellationToken)).Keys.Order(StringComparer.Ordinal), Unknown],
            [Dimension.Destination] = [.. (await catalogue.CountryNamesAsync("en", cancellationToken)).Keys.Order(StringComparer.Ordinal), Unknown],
        };
        return fixedLists[dimension];
    }

    /// <summary>The stored value of a wire code ("" for unknown), or null when the code is not in the list.</summary>
    public async Task<string?> ToStoredAsync(IndicatorDefinition indicator, Dimension dimension, string code, CancellationToken cancellationToken = default)
    {
        if (!(await CodesAsync(indicator, dimension, cancellationToken)).Contains(code, StringComparer.Ordinal))
        {
            return null;
        }

        if (code == Unknown)
        {
            return string.Empty;
        }

        return dimension == Dimension.AgeBand ? StoredAge(code) : dimension == Dimension.Agency ? agencyByLicence![code] : code;
    }

    /// <summary>The wire code of a stored value.</summary>
    public string ToCode(Dimension dimension, string stored)
    {
        if (stored.Length == 0)
        {
            return Unknown;
        }

        if (dimension == Dimension.AgeBand)
        {
            return AgeCode(stored);
        }

        return dimension != Dimension.Agency ? stored : licenceByAgency is not null && licenceByAgency.TryGetValue(stored, out var licence) ? licence : Unknown;
    }

    public async Task LoadAgenciesAsync(CancellationToken cancellationToken = default)
    {
        if (agencyByLicence is not null)
        {
            return;
        }

        // Licences are few and change rarely; a minute's delay before a new agency's code is accepted is harmless.
        var rows = await cache.GetOrCreateAsync("statistics:agency-codes", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            entry.Size = 1;
            return await db.Set<Agency>().AsNoTracking().Where(a => a.LicenceNumber != null).Select(a => new { a.Id, a.LicenceNumber }).ToListAsync(cancellationToken);
        }) ?? [];
        agencyByLicence = rows.ToDictionary(r => r.LicenceNumber!, r => r.Id.ToString("N"), StringComparer.Ordinal);
        licenceByAgency = rows.ToDictionary(r => r.Id.ToString("N"), r => r.LicenceNumber!, StringComparer.Ordinal);
    }

    public static string AgeCode(string band) => band switch
    {
        "65+" => "Y_GE65",
        _ when band.Split('-') is [var low, var high] => $"Y{low}T{high}",
        _ => Unknown,
    };

    public static string StoredAge(string code) => code switch
    {
        "Y_GE65" => "65+",
        _ when code.StartsWith('Y') && code.Split('T') is [var low, var high] => $"{low[1..]}-{high}",
        _ => string.Empty,
    };
}
