using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Guides;

/// <summary>A published guide in a list: the text in the reader's language where there is one.</summary>
public sealed record GuideSummary(string Slug, string Language, GuideKind Kind, string? DestinationCountry, bool ForYouth, string Title, string Summary, DateOnly? LastCheckedOn)
{
    public bool InLanguage(string reader) => GuideQueries.SameLanguage(Language, reader);
}

/// <summary>A published guide to read, and the other languages it is published in.</summary>
public sealed record GuidePage(Guide Guide, IReadOnlyList<string> Languages);

/// <summary>
/// Published guides for readers, in their language where one exists, else Russian, else English, else any: a reader
/// never loses a guide because nobody has translated it yet, and the page says which language it is in.
/// </summary>
public sealed class GuideQueries(CaravanDbContext db)
{
    private static readonly string[] Fallbacks = ["ru", "en"];

    public async Task<IReadOnlyList<GuideSummary>> PublishedAsync(string language, string? destination = null, GuideKind? kind = null, bool youthOnly = false, string? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        // Guides are written by hand: a node has hundreds, not millions, so one read and a choice in memory is enough.
        var rows = await db.Set<Guide>().AsNoTracking().Where(g => g.PublishedAt != null)
            .Where(g => destination == null || g.DestinationCountry == destination)
            .Where(g => kind == null || g.Kind == kind)
            .Where(g => !youthOnly || g.ForYouth)
            .Select(g => new { g.Slug, g.Language, g.Kind, g.DestinationCountry, g.ForYouth, g.PublishedTitle, g.PublishedSummary, g.LastCheckedOn, g.PublishedText })
            .ToListAsync(cancellationToken);
        var words = (query ?? string.Empty).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return [.. rows.GroupBy(r => r.Slug, StringComparer.Ordinal)
            .Select(g => Best(g, r => r.Language, language))
            .Where(r => words.All(w => r.PublishedText!.Contains(w, StringComparison.Ordinal)))
            .OrderBy(r => r.Kind).ThenBy(r => r.DestinationCountry).ThenBy(r => r.PublishedTitle, StringComparer.CurrentCulture)
            .Select(r => new GuideSummary(r.Slug, r.Language, r.Kind, r.DestinationCountry, r.ForYouth, r.PublishedTitle!, r.PublishedSummary!, r.LastCheckedOn))];
    }

    public async Task<GuidePage?> PublishedAsync(string slug, string language, CancellationToken cancellationToken = default)
    {
        var versions = await db.Set<Guide>().AsNoTracking().Where(g => g.Slug == slug && g.PublishedAt != null).ToListAsync(cancellationToken);
        return versions.Count == 0 ? null : new GuidePage(Best(versions, g => g.Language, language), [.. versions.Select(v => v.Language).Order(StringComparer.Ordinal)]);
    }

    public Task<List<Guide>> AllAsync(CancellationToken cancellationToken = default) =>
        db.Set<Guide>().AsNoTracking().OrderBy(g => g.Slug).ThenBy(g => g.Language).ToListAsync(cancellationToken);

    public Task<Guide?> ByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<Guide>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);

    /// <summary>"uz" and "uz-Latn" are one language, as are a culture and its parent.</summary>
    public static bool SameLanguage(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (b.StartsWith(a + "-", StringComparison.OrdinalIgnoreCase) && !b.EndsWith("-Cyrl", StringComparison.OrdinalIgnoreCase));

    private static T Best<T>(IEnumerable<T> versions, Func<T, string> languageOf, string reader)
    {
        var list = versions.ToList();
        return list.FirstOrDefault(v => SameLanguage(languageOf(v), reader))
            ?? Fallbacks.Select(f => list.FirstOrDefault(v => languageOf(v) == f)).FirstOrDefault(v => v is not null)
            ?? list.OrderBy(languageOf, StringComparer.Ordinal).First();
    }
}
