using System.Globalization;

namespace Caravan.Web.Infrastructure;

/// <summary>Numbers, money and dates in the UI culture.</summary>
public static class Formats
{
    public static string Money(decimal amount, string currency) =>
        string.Format(CultureInfo.CurrentCulture, amount == decimal.Truncate(amount) ? "{0:N0} {1}" : "{0:N2} {1}", amount, currency);

    public static string Date(DateOnly date) => date.ToString("D", CultureInfo.CurrentCulture);

    public static string DateTimeUtc(DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>
    /// Reads an amount typed in any of the UI cultures: spaces, non-breaking spaces and apostrophes as group
    /// separators, and a comma or a point as the decimal mark (1 500,50 and 1500.50 both work).
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var cleaned = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F' && c != '\'').ToArray());
        var lastComma = cleaned.LastIndexOf(',');
        var lastPoint = cleaned.LastIndexOf('.');
        if (lastComma >= 0 && lastPoint >= 0)
        {
            // Whichever comes last is the decimal mark; the other groups thousands.
            cleaned = lastComma > lastPoint ? cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : cleaned.Replace(",", "", StringComparison.Ordinal);
        }
        else if (lastComma >= 0)
        {
            cleaned = cleaned.Replace(',', '.');
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
