using Caravan.Core.Applications;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Applications;

/// <summary>One "why this vacancy" reason in the reader's language, the same on the page and in the API.</summary>
public static class MatchReasonText
{
    public static string For(MatchReason reason, IStringLocalizer l, IReadOnlyDictionary<string, string> iscoTitles, IReadOnlyDictionary<string, string> countryNames)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(iscoTitles);
        ArgumentNullException.ThrowIfNull(countryNames);
        var value = reason.Value ?? string.Empty;
        return reason.Kind switch
        {
            MatchReasonKind.Occupation => l["Match.Occupation", iscoTitles.GetValueOrDefault(value, value)],
            MatchReasonKind.PastWork => l["Match.PastWork", iscoTitles.GetValueOrDefault(value, value)],
            MatchReasonKind.RelatedOccupation => l["Match.RelatedOccupation", iscoTitles.GetValueOrDefault(value, value)],
            MatchReasonKind.Destination => l["Match.Destination", countryNames.GetValueOrDefault(value, value)],
            MatchReasonKind.Language => l["Match.Language", l["Language." + value], l["Level." + reason.Detail]],
            MatchReasonKind.Skill => l["Match.Skill", value],
            MatchReasonKind.Wage => l["Match.Wage"],
            MatchReasonKind.NoFees => l["Match.NoFees"],
            _ => string.Empty,
        };
    }
}
