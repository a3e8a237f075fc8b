using Caravan.Core.Guides;

namespace Caravan.Core.Tests.Guides;

public class GuideMarkdownTests
{
    [Fact]
    public void Markdown_becomes_headings_lists_emphasis_and_links()
    {
        var rendered = GuideMarkdown.Render("## Your rights\n\n- A **written** contract\n- [Check an agency](/agencies)\n");
        rendered.Html.ShouldContain("<h2");
        rendered.Html.ShouldContain("Your rights</h2>");
        rendered.Html.ShouldContain("<strong>written</strong>");
        rendered.Html.ShouldContain("<a href=\"/agencies\">Check an agency</a>");
        rendered.Removed.ShouldBe(0);
        rendered.PlainText.ShouldContain("A written contract");
    }

    [Theory]
    [InlineData("<script>alert('x')</script>\n\nSafe text", "<script")]
    [InlineData("<b onclick=\"steal()\">Safe text</b>", "onclick")]
    [InlineData("<img src=x onerror=\"steal()\">\n\nSafe text", "onerror")]
    [InlineData("[Safe text](javascript:steal())", "javascript:")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>\n\nSafe text", "<iframe")]
    public void Scripts_event_handlers_and_unsafe_links_are_stripped_and_counted(string markdown, string forbidden)
    {
        var rendered = GuideMarkdown.Render(markdown);
        rendered.Html.ShouldNotContain(forbidden, Case.Insensitive);
        rendered.Html.ShouldContain("Safe text");
        rendered.Removed.ShouldBeGreaterThan(0);
        rendered.PlainText.ShouldNotContain("steal");
        rendered.PlainText.ShouldNotContain("alert");
    }
}
