using System.Net;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Pages.Agencies;

public class RegisterPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string SilkRoad = ReferenceCode.Create("LIC", 100);

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Checking_a_licence_number_answers_in_one_step(DatabaseProvider db)
    {
        var client = fixture.Get(db).Browser();
        var check = await client.GetAsync($"/agencies?q={SilkRoad}");
        check.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        check.Headers.Location!.OriginalString.ShouldBe($"/agencies/{SilkRoad}");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(check.Headers.Location.OriginalString + "?culture=en"));
        page.ShouldContain("Silk Road Recruitment LLC");
        page.ShouldContain("Licence valid until");
    }

    public static readonly TheoryData<string, string> UnknownChecks = new()
    {
        { "LIC-0001009", "This is not a valid licence number" },
        { ReferenceCode.Create("LIC", 999), "No licensed agency matches your search" },
        { "Totally Fake Agency", "No licensed agency matches your search" },
    };

    [Theory]
    [MemberData(nameof(UnknownChecks))]
    public async Task Unknown_or_mistyped_checks_warn_the_visitor(string query, string warning)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().GetAsync($"/agencies?culture=en&q={Uri.EscapeDataString(query)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(warning);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Lapsed_agencies_say_so_in_plain_words(DatabaseProvider db)
    {
        var client = fixture.Get(db).Browser();
        var suspended = WebUtility.HtmlDecode(await client.GetStringAsync($"/agencies/{ReferenceCode.Create("LIC", 200)}?culture=en"));
        suspended.ShouldContain("Licence suspended until");
        suspended.ShouldContain("This agency may not recruit workers now");
        var revoked = WebUtility.HtmlDecode(await client.GetStringAsync($"/agencies/{ReferenceCode.Create("LIC", 201)}?culture=ru"));
        revoked.ShouldContain(Caravan.Web.Tests.Resources.ResourceCompletenessTests.Load("ru")["Licence.Revoked"]);
        var expired = WebUtility.HtmlDecode(await client.GetStringAsync($"/agencies/{ReferenceCode.Create("LIC", 202)}?culture=en"));
        expired.ShouldContain("Licence expired on");
    }

    [Fact]
    public async Task Filters_and_unknown_agency_pages()
    {
        var client = fixture.Get(DatabaseProvider.Sqlite).Browser();
        var valid = WebUtility.HtmlDecode(await client.GetStringAsync("/agencies?culture=en&status=Valid&destination=TR"));
        valid.ShouldContain("1 agencies found");
        valid.ShouldContain("Fergana Valley Workforce Partners");
        var ignoredBadFilter = WebUtility.HtmlDecode(await client.GetStringAsync("/agencies?culture=en&status=Nonsense&destination=xx"));
        ignoredBadFilter.ShouldContain("6 agencies found");
        (await client.GetAsync("/agencies/LIC-0000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_home_page_has_the_check_an_agency_box()
    {
        var html = await fixture.Get(DatabaseProvider.Sqlite).Browser().GetStringAsync("/?culture=en");
        html.ShouldContain("action=\"/agencies\"");
        html.ShouldContain("id=\"check-q\"");
    }
}
