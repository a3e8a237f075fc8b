using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>Assisted registration, duplicates across scripts, merge and split, and claiming a record by phone.</summary>
public class DuplicateTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Assisted(string given, string family, DateOnly born, string? phone = null) => new()
    {
        ["GivenName"] = given,
        ["FamilyName"] = family,
        ["BirthDay"] = born.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BirthMonth"] = born.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BirthYear"] = born.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sex"] = "Male",
        ["Citizenship"] = "UZ",
        ["RegionCode"] = "UZ-FA",
        ["Phone"] = phone ?? "",
        ["ConsentGivenBy"] = "The person, in person at the Fergana centre",
        ["RegistrationConsent"] = "true",
        ["Purposes"] = "Statistics",
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_Cyrillic_registration_is_proposed_as_the_Latin_records_duplicate_merged_and_split_again(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var born = new DateOnly(1988, 9, 14);
        var latin = await Registration.RegisterAsync(app, app.EnglishBrowser(), "+998901130001",
            new("Ulugʻbek", "Xoʻjayev", null, born, "Male", "AF3334445", "UZ-FA"));

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var missing = await officer.PostFormAsync("/officer/persons/new", new Dictionary<string, string> { ["GivenName"] = "Улуғбек" });
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await missing.TextAsync();
        text.ShouldContain("Enter who gave consent");
        text.ShouldContain("Confirm that the person agreed to be registered");
        text.ShouldContain("Enter the date of birth");

        var registered = await officer.PostFormAsync("/officer/persons/new", Assisted("Улуғбек", "Хўжаев", born));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = registered.Headers.Location!.ToString();
        location.ShouldStartWith("/officer/persons/duplicates/");
        var cyrillic = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.FamilyName == "Хўжаев"));
        cyrillic.Channel.ShouldBe(RegistrationChannel.Assisted);
        var consent = await app.WithDbAsync(ctx => ctx.Set<Consent>().SingleAsync(c => c.PersonId == cyrillic.Id));
        consent.GivenBy.ShouldContain("Fergana centre");
        consent.RecordedById.ShouldNotBeNull();

        var compare = await (await officer.GetAsync(location)).TextAsync();
        compare.ShouldContain("Xoʻjayev");
        compare.ShouldContain("Хўжаев");
        compare.ShouldContain("Same date of birth");
        (await (await officer.GetAsync("/officer/persons/duplicates")).TextAsync()).ShouldContain("Хўжаев");

        var merged = await officer.PostFormAsync(location, new Dictionary<string, string>(), location + "?handler=Merge");
        merged.Headers.Location!.ToString().ShouldBe($"/officer/persons/{latin}");
        var after = await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == cyrillic.Id));
        after.Status.ShouldBe(PersonStatus.Merged);
        var kept = await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking().SingleAsync(p => p.Reference == latin));
        after.MergedIntoId.ShouldBe(kept.Id);
        // The merged record's consent now counts for the person; search shows one record.
        (await app.WithScopeAsync(sp => sp.GetRequiredService<PersonConsents>().ConsentsAsync(kept.Id))).Count.ShouldBe(2);
        var search = await (await officer.PostFormAsync("/officer/persons", new Dictionary<string, string> { ["Query"] = "Hojayev" })).TextAsync();
        search.ShouldContain(latin);
        search.ShouldNotContain(cyrillic.Reference);
        (await (await officer.GetAsync($"/officer/persons/{latin}")).TextAsync()).ShouldContain("Merged with another record");
        // Merging twice is refused.
        (await (await officer.PostFormAsync(location, new Dictionary<string, string>(), location + "?handler=Merge")).TextAsync()).ShouldNotContain("Merge the records");

        var split = await officer.PostFormAsync($"/officer/persons/{cyrillic.Reference}", new Dictionary<string, string>(), $"/officer/persons/{cyrillic.Reference}?handler=Split");
        split.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == cyrillic.Id))).Status.ShouldBe(PersonStatus.Active);
        (await app.WithDbAsync(ctx => ctx.Set<DuplicateCandidate>().SingleAsync(d => d.OtherId == cyrillic.Id || d.KeepId == cyrillic.Id))).Status.ShouldBe(DuplicateStatus.Split);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<PersonConsents>().ConsentsAsync(kept.Id))).Count.ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_person_registered_at_a_centre_claims_the_record_with_their_phone_and_birth_date(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var born = new DateOnly(2003, 2, 28);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var registered = await officer.PostFormAsync("/officer/persons/new", Assisted("Sardor", "Mirzayev", born, "+998 90 113 00 02"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.FamilyName == "Mirzayev" && p.BirthDate == born));
        person.Phone.ShouldBe("+998901130002");
        person.UserId.ShouldBeNull();

        var migrant = app.EnglishBrowser();
        await migrant.SignInMigrantAsync(app, "+998901130002");
        (await (await migrant.GetAsync("/register")).TextAsync()).ShouldContain("already registered a record for your phone number");
        var wrong = await migrant.PostFormAsync("/register", new Dictionary<string, string> { ["BirthDay"] = "1", ["BirthMonth"] = "3", ["BirthYear"] = "2003" }, "/register?handler=Claim");
        (await wrong.TextAsync()).ShouldContain("does not match the record");
        var right = await migrant.PostFormAsync("/register", new Dictionary<string, string> { ["BirthDay"] = "28", ["BirthMonth"] = "2", ["BirthYear"] = "2003" }, "/register?handler=Claim");
        right.Headers.Location!.ToString().ShouldBe("/me");
        var me = await (await migrant.GetAsync("/me")).TextAsync();
        me.ShouldContain(person.Reference);
        me.ShouldContain("Mirzayev");
    }
}
