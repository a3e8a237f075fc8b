using System.Text.RegularExpressions;

namespace Caravan.Core.Guides;

/// <summary>What an officer sends to write or revise a guide. Field names are those of the form and the API.</summary>
public sealed partial record GuideInput
{
    /// <summary>The languages a guide can be written in: the node's seven.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg"];

    public string? Slug { get; init; }

    public string? Language { get; init; }

    public GuideKind Kind { get; init; }

    public string? DestinationCountry { get; init; }

    public bool ForYouth { get; init; }

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Body { get; init; }

    /// <summary>Each problem as (field, message key); empty when the input can be saved.</summary>
    public IEnumerable<(string Field, string Key)> Validate(Func<string, bool> isCountry)
    {
        ArgumentNullException.ThrowIfNull(isCountry);
        if (Slug is null || !SlugPattern().IsMatch(Slug))
        {
            yield return ("slug", "Guide.Error.Slug");
        }

        if (Language is null || !Languages.Contains(Language))
        {
            yield return ("language", "Guide.Error.Language");
        }

        if (!Enum.IsDefined(Kind))
        {
            yield return ("kind", "Guide.Error.Kind");
        }

        if (Kind == GuideKind.Destination && (DestinationCountry is null || !isCountry(DestinationCountry)))
        {
            yield return ("destinationCountry", "Guide.Error.Destination");
        }

        if (string.IsNullOrWhiteSpace(Title) || Title.Length > Guide.MaxTitle)
        {
            yield return ("title", "Guide.Error.Title");
        }

        if (string.IsNullOrWhiteSpace(Summary) || Summary.Length > Guide.MaxSummary)
        {
            yield return ("summary", "Guide.Error.Summary");
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Length > Guide.MaxBody)
        {
            yield return ("body", "Guide.Error.Body");
        }
    }

    public GuideInput Normalised() => this with
    {
        Slug = Slug?.Trim().ToLowerInvariant(),
        Language = Language?.Trim(),
        DestinationCountry = Kind == GuideKind.Destination ? DestinationCountry?.Trim().ToUpperInvariant() : null,
        Title = Title?.Trim(),
        Summary = Summary?.Trim(),
        Body = Body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,79}$")]
    private static partial Regex SlugPattern();
}
