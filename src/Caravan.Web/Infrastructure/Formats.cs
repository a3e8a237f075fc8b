using System.Globalization;

namespace Caravan.Web.Infrastructure;

/// <summary>Numbers, money and dates in the UI culture.</summary>
public static class Formats
{
    public static string Money(decimal amount, string currency) =>
        string.Format(CultureInfo.CurrentCulture, amount == decimal.Truncate(amount) ? "{0:N0} {1}" : "{0:N2} {1}", amount, currency);

    public static string Date(DateOnly date) => date.ToString("D", CultureInfo.CurrentCulture);

    public static string DateTimeUtc(DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
