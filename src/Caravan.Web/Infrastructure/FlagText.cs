using Caravan.Core.Contracts;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Infrastructure;

/// <summary>Turns a contract flag into a sentence in the user's language, with countries and statuses named in it too.</summary>
public static class FlagText
{
    public static string Explain(ContractFlag flag, IStringLocalizer localizer, IReadOnlyDictionary<string, string> countryNames)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(countryNames);
        var args = flag.Arguments.Select((a, i) => (object)(flag.Code, i) switch
        {
            ("HoursOverLimit", 2) or ("AgencyNotForDestination", 1) => countryNames.TryGetValue(a, out var name) ? name : a,
            ("AgencyNotValid", 1) => localizer["LicenceStatus." + a].Value,
            _ => a,
        }).ToArray();
        return localizer["Flag." + flag.Code, args];
    }
}
