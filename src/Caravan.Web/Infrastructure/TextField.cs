namespace Caravan.Web.Infrastructure;

/// <summary>One labelled input with its error message, rendered by _TextField.</summary>
public sealed record TextField(string Name, string Label, string? Value, string Type = "text", string? AutoComplete = null, string? Hint = null, string? CssClass = null);
