using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Guides;

/// <summary>
/// The demo node's guides for Russia and Kazakhstan, a safe-migration FAQ and a story, in Uzbek, Russian and Tajik,
/// from Markdown files in this folder, published as if reviewed. Idempotent: it adds nothing when the node has any guide.
/// </summary>
public sealed class DemoGuides(CaravanDbContext db, TimeProvider time)
{
    /// <summary>When the demo texts' facts (minimum wages, deadlines, contacts) were last checked by hand.</summary>
    public static readonly DateOnly CheckedOn = new(2026, 12, 1);

    private static readonly (string Slug, string File, GuideKind Kind, string? Country)[] Texts =
    [
        ("russia", "ru", GuideKind.Destination, "RU"),
        ("kazakhstan", "kz", GuideKind.Destination, "KZ"),
        ("safe-migration-faq", "faq", GuideKind.Faq, null),
        ("dilshod-checked-first", "story", GuideKind.Story, "KZ"),
    ];

    private static readonly string[] Languages = ["uz", "ru", "tg"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<Guide>().AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (slug, file, kind, country) in Texts)
        {
            foreach (var language in Languages)
            {
                var (title, summary, body) = Read($"Caravan.Guides.{file}.{language}.md");
                var rendered = GuideMarkdown.Render(body);
                db.Add(new Guide
                {
                    Slug = slug,
                    Language = language,
                    Kind = kind,
                    DestinationCountry = country,
                    ForYouth = true,
                    Title = title,
                    Summary = summary,
                    Body = body,
                    Status = GuideStatus.Published,
                    WrittenBy = "system:demo",
                    ReviewedBy = "system:demo",
                    UpdatedAt = now,
                    PublishedTitle = title,
                    PublishedSummary = summary,
                    PublishedHtml = rendered.Html,
                    PublishedText = string.Join('\n', title, summary, rendered.PlainText).ToLowerInvariant(),
                    PublishedAt = now,
                    LastCheckedOn = CheckedOn,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A demo file: "# Title", a blank line, a one-sentence summary, then the body.</summary>
    internal static (string Title, string Summary, string Body) Read(string resource)
    {
        using var stream = typeof(DemoGuides).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The demo guide {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var title = lines[0].TrimStart('#', ' ').Trim();
        var rest = lines.Skip(1).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        return (title, rest[0].Trim(), string.Join('\n', rest.Skip(1)).Trim());
    }
}
