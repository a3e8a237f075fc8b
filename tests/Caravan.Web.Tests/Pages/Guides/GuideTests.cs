using System.Net;
using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Guides;
using Caravan.Core.Identity;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Guides;

/// <summary>The information hub: demo guides in the reader's language, search, the youth entry, and writing with review.</summary>
public class GuideTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<string> NewOfficerAsync(CaravanApp app)
    {
        var email = $"guides-{Guid.NewGuid():N}@example.org";
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var user = new CaravanUser { UserName = email, Email = email, CountryCode = "UZ" };
            (await users.CreateAsync(user, "Correct-Horse-2026")).Succeeded.ShouldBeTrue();
            return (await users.AddToRoleAsync(user, Roles.Officer)).Succeeded;
        });
        return email;
    }

    private static Dictionary<string, string> Form(string slug, string body) => new()
    {
        ["slug"] = slug,
        ["language"] = "tg",
        ["kind"] = "Destination",
        ["destinationCountry"] = "KZ",
        ["forYouth"] = "true",
        ["title"] = "Кор дар Қазоқистон: саволҳо",
        ["summary"] = "Ҷавобҳои кӯтоҳ ба саволҳои муҳоҷирон.",
        ["body"] = body,
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Demo_guides_are_read_in_the_readers_language_with_a_label_where_none_exists(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        var list = await (await client.GetAsync("/guides?culture=tg")).TextAsync();
        list.ShouldContain("Барои кор ба Русия");
        list.ShouldContain("Кор дар Қазоқистон");

        var tajik = await client.GetAsync("/guides/russia");
        tajik.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await tajik.TextAsync();
        text.ShouldContain("<article lang=\"tg\"");
        text.ShouldContain("27 093");
        text.ShouldContain("id=\"guide-checked\"");
        text.ShouldNotContain("id=\"guide-language\"");
        text.ShouldContain("href=\"/contract-check\"");
        text.ShouldContain("href=\"/agencies\"");

        // No Kazakh text yet: the Russian one is shown, and the page says so.
        var kazakh = await (await app.Browser().GetAsync("/guides/russia?culture=kk")).TextAsync();
        kazakh.ShouldContain("<article lang=\"ru\"");
        kazakh.ShouldContain("id=\"guide-language\"");

        (await app.Browser().GetAsync("/guides/no-such-guide")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_demo_faq_and_story_are_listed_by_kind_and_point_to_the_checks_before_leaving(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var list = await (await app.Browser().GetAsync("/guides?culture=uz")).TextAsync();
        list.ShouldContain("href=\"/guides/safe-migration-faq\"");
        list.ShouldContain("href=\"/guides/dilshod-checked-first\"");
        list.ShouldContain(">Savollar va javoblar<");
        list.ShouldContain(">Hikoya<");

        foreach (var (slug, culture) in new[] { ("safe-migration-faq", "uz"), ("safe-migration-faq", "ru"), ("safe-migration-faq", "tg"), ("dilshod-checked-first", "tg") })
        {
            var page = await (await app.Browser().GetAsync($"/guides/{slug}?culture={culture}")).TextAsync();
            page.ShouldContain($"<article lang=\"{culture}\"", customMessage: slug + " " + culture);
            page.ShouldContain("href=\"/agencies\"");
            page.ShouldContain("href=\"/contract-check\"");
            page.ShouldContain("href=\"/training\"");
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Search_finds_guides_by_their_words_and_destination(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        await client.GetAsync("/?culture=tg");
        var patent = await (await client.GetAsync("/guides?q=%D0%BF%D0%B0%D1%82%D0%B5%D0%BD%D1%82")).TextAsync(); // "патент"
        patent.ShouldContain("href=\"/guides/russia\"");
        patent.ShouldNotContain("href=\"/guides/kazakhstan\"");

        var kazakhstan = await (await client.GetAsync("/guides?destination=KZ")).TextAsync();
        kazakhstan.ShouldContain("href=\"/guides/kazakhstan\"");
        kazakhstan.ShouldNotContain("href=\"/guides/russia\"");

        var nothing = await (await client.GetAsync("/guides?q=zzqqxx")).TextAsync();
        nothing.ShouldNotContain("href=\"/guides/russia\"");

        var api = app.CreateClient();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("uz");
        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/guides?destination=RU"));
        var only = json.RootElement.EnumerateArray().ShouldHaveSingleItem();
        only.GetProperty("slug").GetString().ShouldBe("russia");
        only.GetProperty("language").GetString().ShouldBe("uz");
        (await api.GetAsync("/api/v1/guides?destination=Russia")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var one = JsonDocument.Parse(await api.GetStringAsync("/api/v1/guides/kazakhstan"));
        one.RootElement.GetProperty("html").GetString()!.ShouldContain("<h2");
        one.RootElement.GetProperty("languages").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_youth_entry_point_is_on_the_home_page_and_lists_guides_for_young_people(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.Browser();
        var home = await (await client.GetAsync("/?culture=tg")).TextAsync();
        home.ShouldContain("id=\"youth-entry\"");
        home.ShouldContain("href=\"/youth\"");
        var youth = await (await client.GetAsync("/youth")).TextAsync();
        youth.ShouldContain("href=\"/guides/russia\"");
        youth.ShouldContain("href=\"/account/phone\"");
        youth.ShouldContain("Барои кор ба Русия");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_guide_reaches_readers_only_after_another_officer_reviews_it_with_scripts_stripped(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var slug = "kz-faq-" + Guid.NewGuid().ToString("N")[..8];
        const string body = "## Иҷозат\n\nДар бораи **рухсатнома** бипурсед.\n\n<script>alert('x')</script>\n\n<a href=\"/agencies\" onclick=\"steal()\">Агентиҳо</a>";
        var writer = app.Browser();
        (await writer.SignInStaffAsync(DemoAccounts.OfficerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The preview shows what readers would see, and says what was removed.
        var preview = await writer.PostFormAsync("/guides/manage/edit?culture=en", Form(slug, body), "/guides/manage/edit?handler=Preview");
        var previewHtml = await preview.Content.ReadAsStringAsync();
        previewHtml.ShouldContain("id=\"guide-removed\"");
        previewHtml.ShouldContain("<strong>рухсатнома</strong>");
        previewHtml.ShouldNotContain("<script>alert");
        previewHtml.ShouldNotContain("onclick=\"steal");

        var saved = await writer.PostFormAsync("/guides/manage/edit", Form(slug, body), "/guides/manage/edit?handler=Submit");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var guide = await app.WithDbAsync(d => d.Set<Guide>().AsNoTracking().SingleAsync(g => g.Slug == slug));
        guide.Status.ShouldBe(GuideStatus.InReview);
        guide.PublishedAt.ShouldBeNull();
        (await app.Browser().GetAsync($"/guides/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The writer cannot publish their own text.
        var own = await writer.PostFormAsync($"/guides/manage/review/{guide.Id}", Checked(), $"/guides/manage/review/{guide.Id}?handler=Publish&culture=en");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.TextAsync()).ShouldContain("another officer must review");
        (await app.Browser().GetAsync($"/guides/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var reviewer = app.Browser();
        (await reviewer.SignInStaffAsync(await NewOfficerAsync(app), "Correct-Horse-2026")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var future = await reviewer.PostFormAsync($"/guides/manage/review/{guide.Id}", Checked(DateTime.UtcNow.AddDays(3)), $"/guides/manage/review/{guide.Id}?handler=Publish");
        (await future.TextAsync()).ShouldContain("govuk-error-summary");
        var published = await reviewer.PostFormAsync($"/guides/manage/review/{guide.Id}", Checked(), $"/guides/manage/review/{guide.Id}?handler=Publish");
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var read = await app.Browser().GetAsync($"/guides/{slug}?culture=tg");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await read.Content.ReadAsStringAsync();
        html.ShouldContain("<strong>рухсатнома</strong>");
        html.ShouldContain("href=\"/agencies\"");
        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("steal()");

        // A revision waits for review while readers keep the published text.
        var revised = Form(slug, "## Нав\n\nМатни нав.");
        revised["version"] = (await app.WithDbAsync(d => d.Set<Guide>().AsNoTracking().SingleAsync(g => g.Slug == slug))).Version.ToString();
        (await writer.PostFormAsync($"/guides/manage/edit/{guide.Id}", revised, $"/guides/manage/edit/{guide.Id}?handler=Save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stillOld = await (await app.Browser().GetAsync($"/guides/{slug}?culture=tg")).Content.ReadAsStringAsync();
        stillOld.ShouldContain("рухсатнома");
        stillOld.ShouldNotContain("Матни нав");

        // A draft never sent for review cannot be published.
        var draft = await reviewer.PostFormAsync($"/guides/manage/review/{guide.Id}", Checked(), $"/guides/manage/review/{guide.Id}?handler=Publish&culture=en");
        (await draft.TextAsync()).ShouldContain("Only a guide sent for review");

        var trail = await app.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == nameof(Guide) && a.EntityId == guide.Id.ToString()).CountAsync());
        trail.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_guide_with_errors_is_not_saved_and_each_field_says_why(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var writer = app.Browser();
        await writer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var form = Form("Not A Slug!", "");
        form["title"] = "";
        form["destinationCountry"] = "";
        var before = await app.WithDbAsync(d => d.Set<Guide>().CountAsync());
        var response = await writer.PostFormAsync("/guides/manage/edit?culture=en", form, "/guides/manage/edit?handler=Submit&culture=en");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.TextAsync();
        text.ShouldContain("govuk-error-summary");
        text.ShouldContain("href=\"#slug\"");
        text.ShouldContain("href=\"#title\"");
        text.ShouldContain("href=\"#body\"");
        text.ShouldContain("href=\"#destinationCountry\"");
        (await app.WithDbAsync(d => d.Set<Guide>().CountAsync())).ShouldBe(before);

        // The same short name in the same language is another guide's.
        var taken = Form("russia", "Матн.");
        taken["destinationCountry"] = "RU";
        (await (await writer.PostFormAsync("/guides/manage/edit?culture=en", taken, "/guides/manage/edit?handler=Save&culture=en")).TextAsync()).ShouldContain("already has this short name");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Only_officers_write_guides(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var anonymous = await app.Browser().GetAsync("/guides/manage");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        var agency = app.Browser();
        await agency.SignInStaffAsync(DemoAccounts.AgencyEmail);
        var denied = await agency.GetAsync("/guides/manage/edit");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    private static Dictionary<string, string> Checked(DateTime? on = null)
    {
        var d = on ?? DateTime.UtcNow;
        return new() { ["checkedDay"] = d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), ["checkedMonth"] = d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), ["checkedYear"] = d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
