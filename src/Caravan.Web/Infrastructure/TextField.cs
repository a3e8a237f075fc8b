namespace Caravan.Web.Infrastructure;

/// <summary>One labelled input with its error message, rendered by _TextField.</summary>
public sealed record TextField(string Name, string Label, string? Value, string Type = "text", string? AutoComplete = null, string? Hint = null, string? CssClass = null);

/// <summary>A labelled select with its error message, rendered by _SelectField. Options are (value, text) pairs.</summary>
public sealed record SelectField(string Name, string Label, string? Value, IEnumerable<KeyValuePair<string, string>> Options, string? Hint = null, string? Empty = null);

/// <summary>A GOV.UK date input (day, month, year) with one error for the whole date, rendered by _DateField.</summary>
public sealed record DateField(string Name, string Label, string? Day, string? Month, string? Year, string? Hint = null);

/// <summary>A date typed into the day, month and year boxes of a GOV.UK date field; null unless it is a real day.</summary>
public static class FormDates
{
    public static DateOnly? From(string? day, string? month, string? year) =>
        int.TryParse(day, System.Globalization.CultureInfo.InvariantCulture, out var d) && int.TryParse(month, System.Globalization.CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, System.Globalization.CultureInfo.InvariantCulture, out var y)
            && y is >= 1990 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
}
