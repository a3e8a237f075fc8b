namespace Caravan.Web.Infrastructure;

/// <summary>One labelled input with its error message, rendered by _TextField.</summary>
public sealed record TextField(string Name, string Label, string? Value, string Type = "text", string? AutoComplete = null, string? Hint = null, string? CssClass = null);

/// <summary>A labelled select with its error message, rendered by _SelectField. Options are (value, text) pairs.</summary>
public sealed record SelectField(string Name, string Label, string? Value, IEnumerable<KeyValuePair<string, string>> Options, string? Hint = null, string? Empty = null);

/// <summary>A GOV.UK date input (day, month, year) with one error for the whole date, rendered by _DateField.</summary>
public sealed record DateField(string Name, string Label, string? Day, string? Month, string? Year, string? Hint = null);
