using System.Globalization;
using Caravan.Core.Guides;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caravan.Web.Api;

public sealed record GuideSummaryDto(string Slug, string Language, string Kind, string? DestinationCountry, bool ForYouth, string Title, string Summary, DateOnly? LastCheckedOn);

/// <summary>A published guide: its HTML was rendered from Markdown and sanitised when it was published.</summary>
public sealed record GuideDto(string Slug, string Language, string Kind, string? DestinationCountry, string Title, string Summary, string Html, DateOnly? LastCheckedOn, IReadOnlyList<string> Languages);

public static class GuidesEndpoints
{
    public static RouteGroupBuilder MapGuideEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/guides", ListAsync)
            .WithName("ListGuides")
            .WithSummary("Published guides, each in the language of Accept-Language where it has one (else Russian, else English)")
            .WithDescription("q searches the title, summary and text; destination is an ISO 3166-1 alpha-2 code.")
            .AllowAnonymous();
        api.MapGet("/guides/{slug}", GetAsync)
            .WithName("GetGuide")
            .WithSummary("One published guide, in the language of Accept-Language where it has one")
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<GuideSummaryDto>>, ValidationProblem>> ListAsync(GuideQueries guides, string? q, string? destination, CancellationToken cancellationToken)
    {
        if (q?.Length > Pages.Guides.IndexModel.MaxQuery || (destination is not null && (destination.Length != 2 || !destination.All(char.IsAsciiLetter))))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [q?.Length > Pages.Guides.IndexModel.MaxQuery ? "q" : "destination"] = [q?.Length > Pages.Guides.IndexModel.MaxQuery ? "At most 200 characters." : "A two-letter country code, such as RU."],
            });
        }

        var list = await guides.PublishedAsync(CultureInfo.CurrentUICulture.Name, destination?.ToUpperInvariant(), query: q, cancellationToken: cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GuideSummaryDto>>([.. list.Select(g => new GuideSummaryDto(g.Slug, g.Language, g.Kind.ToString(), g.DestinationCountry, g.ForYouth, g.Title, g.Summary, g.LastCheckedOn))]);
    }

    private static async Task<Results<Ok<GuideDto>, NotFound>> GetAsync(GuideQueries guides, string slug, CancellationToken cancellationToken)
    {
        var page = await guides.PublishedAsync(slug, CultureInfo.CurrentUICulture.Name, cancellationToken);
        if (page is null)
        {
            return TypedResults.NotFound();
        }

        var g = page.Guide;
        return TypedResults.Ok(new GuideDto(g.Slug, g.Language, g.Kind.ToString(), g.DestinationCountry, g.PublishedTitle!, g.PublishedSummary!, g.PublishedHtml!, g.LastCheckedOn, page.Languages));
    }
}
