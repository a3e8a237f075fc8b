using Ganss.Xss;
using Markdig;

namespace Caravan.Core.Guides;

/// <summary>What a guide's Markdown becomes: safe HTML, plain text for search, and how many unsafe pieces were removed.</summary>
public sealed record RenderedGuide(string Html, string PlainText, int Removed);

/// <summary>
/// Renders an officer's Markdown with Markdig and passes the HTML through HtmlSanitizer, so a script, an event handler
/// or a javascript: link pasted into a guide never reaches a reader. The count of removed pieces lets the editor say so.
/// </summary>
public static class GuideMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    public static RenderedGuide Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Markdown.ToHtml(markdown, Pipeline);
        // A new sanitiser per call: its removal events are how this call counts what it removed.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        var removed = 0;
        sanitizer.RemovingTag += (_, _) => removed++;
        sanitizer.RemovingAttribute += (_, _) => removed++;
        sanitizer.RemovingStyle += (_, _) => removed++;
        var safe = sanitizer.Sanitize(html);
        // The text of what readers see, so a search never matches inside something the sanitiser removed.
        var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(safe).Body?.TextContent ?? string.Empty;
        return new RenderedGuide(safe, text, removed);
    }
}
