using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Infrastructure;

/// <summary>A string in a language other than the page's: a departure card carries the destination's language beside the reader's.</summary>
public static class OtherCulture
{
    public static string In(this IStringLocalizer localizer, string culture, string key, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            // The resource localizer reads the UI culture at the moment of the lookup, on this thread only.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return localizer[key, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
