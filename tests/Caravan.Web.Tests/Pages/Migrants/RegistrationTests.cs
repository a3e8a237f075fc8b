using System.Net;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>Self-registration, the profile, consent and "who saw my data", on both databases.</summary>
public class RegistrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>A signed-in user without the role is sent to the access-denied page, not shown the page.</summary>
    private static async Task DeniedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/denied", path);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_migrant_registers_in_Cyrillic_and_the_passport_is_stored_only_encrypted(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, client, "+998901110001",
            new("Алишер", "Хасанов", "Алишерович", new DateOnly(1994, 3, 12), "Male", "FA 123-4567"));

        reference.ShouldStartWith("PER-");
        ReferenceCode.IsValid(reference, "PER").ShouldBeTrue();
        var person = await app.WithDbAsync(ctx => ctx.Set<Person>().AsNoTracking().SingleAsync(p => p.Reference == reference));
        person.Status.ShouldBe(PersonStatus.Active);
        person.GivenName.ShouldBe("Алишер");
        person.FamilyKey.ShouldNotBeEmpty();
        person.FamilyKey.ShouldAllBe(c => c == ' ' || (c >= 'a' && c <= 'z'));
        person.DocumentCipher.ShouldNotBeNull();
        person.DocumentCipher.ShouldNotContain("1234567");
        person.DocumentHint.ShouldBe("•••••••67");
        person.DocumentHash!.Length.ShouldBe(64);
        person.Occupations.ShouldBe(["7212"]);
        person.Languages.Select(l => l.Code + l.Level).ShouldBe(["uzNative", "ruB1"]);
        person.PreferredDestinations.ShouldBe(["KR"]);

        // The audit trail and the history never carry the number either.
        var audit = await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Audit.AuditEntry>().Where(e => e.EntityType == nameof(Person)).Select(e => e.Changes).ToListAsync());
        audit.ShouldNotBeEmpty();
        audit.ShouldAllBe(json => !json.Contains("1234567") && !json.Contains("Хасанов"));

        var consents = await app.WithDbAsync(ctx => ctx.Set<Consent>().Where(c => c.PersonId == person.Id).ToListAsync());
        consents.Select(c => c.Purpose).ShouldBe([ConsentPurpose.Statistics]);
        consents[0].NoticeText.ShouldContain("pseudonymised");
        consents[0].NoticeLanguage.ShouldBe("en");
        (await app.WithDbAsync(ctx => ctx.Set<Fact>().CountAsync(f => f.Kind == FactKind.Registration && f.RegionOfOrigin == "UZ-SA"))).ShouldBeGreaterThanOrEqualTo(1);

        var me = await (await client.GetAsync("/me")).TextAsync();
        me.ShouldContain(reference);
        me.ShouldContain("Хасанов");
        me.ShouldContain("•••••••67");
        me.ShouldNotContain("1234567");
        me.ShouldContain("Welders", Case.Insensitive);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_step_explains_a_bad_answer_and_keeps_the_draft(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = app.EnglishBrowser();
        await client.SignInMigrantAsync(app, "+998901110002");
        (await client.GetAsync("/register/name")).Headers.Location!.ToString().ShouldBe("/register");
        await client.PostFormAsync("/register", new Dictionary<string, string>(), "/register?handler=Start");

        var name = await client.PostFormAsync("/register/name", new Dictionary<string, string> { ["GivenName"] = "", ["FamilyName"] = "Rahimov1" });
        name.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await name.TextAsync();
        text.ShouldContain("Enter the name");
        text.ShouldContain("A name can contain only letters");

        var future = DateTime.UtcNow.Year + 1;
        var details = await client.PostFormAsync("/register/details", new Dictionary<string, string>
        {
            ["BirthDay"] = "31",
            ["BirthMonth"] = "2",
            ["BirthYear"] = "1990",
            ["Citizenship"] = "XX",
        });
        text = await details.TextAsync();
        text.ShouldContain("Enter a real date of birth");
        text.ShouldContain("Choose the sex");
        text.ShouldContain("Choose the citizenship");
        details = await client.PostFormAsync("/register/details", new Dictionary<string, string>
        {
            ["BirthDay"] = "1",
            ["BirthMonth"] = "1",
            ["BirthYear"] = future.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sex"] = "Female",
            ["Citizenship"] = "UZ",
        });
        text = await details.TextAsync();
        text.ShouldContain("The date of birth must be in the past");
        text.ShouldContain("Choose the region of origin");

        (await (await client.PostFormAsync("/register/document", new Dictionary<string, string> { ["DocumentNumber"] = "12" })).TextAsync())
            .ShouldContain("5 to 20 Latin letters and digits");

        await Registration.StepAsync(client, "name", new() { ["GivenName"] = "Dilnoza", ["FamilyName"] = "Rahimova" });
        var check = await client.PostFormAsync("/register/check", new Dictionary<string, string>());
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        text = await check.TextAsync();
        text.ShouldContain("Enter your date of birth, sex and citizenship");
        text.ShouldContain("Enter your passport or ID number");
        text.ShouldContain("Dilnoza");
        var user = await app.WithDbAsync(ctx => ctx.Users.SingleAsync(u => u.UserName == "+998901110002"));
        var draft = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.UserId == user.Id));
        draft.Status.ShouldBe(PersonStatus.Draft);
        draft.FamilyName.ShouldBe("Rahimova");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officers_view_of_the_passport_is_logged_with_a_reason_and_shown_to_the_migrant(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901110003",
            new("Shahnoza", "Yoʻldosheva", null, new DateOnly(1999, 7, 1), "Female", "AB7654321"));
        (await (await migrant.GetAsync("/me/access-log")).TextAsync()).ShouldContain("Nobody else has looked");

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        // The name in another script and spelling finds the record; the list shows no document number.
        var found = await (await officer.PostFormAsync("/officer/persons", new Dictionary<string, string> { ["Query"] = "Йўлдошева Шахноза" })).TextAsync();
        found.ShouldContain(reference);
        found.ShouldNotContain("7654321");
        var byPassport = await (await officer.PostFormAsync("/officer/persons", new Dictionary<string, string> { ["Query"] = "ab 765 4321" })).TextAsync();
        byPassport.ShouldContain(reference);

        var page = $"/officer/persons/{reference}";
        (await (await officer.GetAsync(page)).TextAsync()).ShouldNotContain("AB7654321");
        var noReason = await officer.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Reveal");
        (await noReason.TextAsync()).ShouldContain("Choose why you need to see the number");
        (await app.WithDbAsync(ctx => ctx.Set<PersonAccess>().CountAsync(a => a.Action == AccessAction.ViewDocument && ctx.Set<Person>().Any(p => p.Id == a.PersonId && p.Reference == reference)))).ShouldBe(0);

        var shown = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.IdentityCheck }, page + "?handler=Reveal");
        (await shown.TextAsync()).ShouldContain("AB7654321");

        var export = await officer.PostFormAsync(page, new Dictionary<string, string> { ["Reason"] = AccessReasons.PersonRequest }, page + "?handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        export.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(reference + ".json");
        var json = await export.Content.ReadAsStringAsync();
        json.ShouldContain("Shahnoza");
        json.ShouldNotContain("7654321");

        var log = await (await migrant.GetAsync("/me/access-log")).TextAsync();
        log.ShouldContain("An export of your record");
        log.ShouldContain("You asked for it");
        log.ShouldContain("Your passport or ID number");
        log.ShouldContain("Checking your identity");
        log.ShouldContain("Officer");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_opening_the_record_is_in_the_migrants_access_log_once_per_visit_in_their_language(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.Browser();
        migrant.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var reference = await Registration.RegisterAsync(app, migrant, "+998901110009",
            new("Oybek", "Nazarov", null, new DateOnly(1994, 2, 11), "Male", "AD5551234"));

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetAsync($"/officer/persons/{reference}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A reload a moment later is the same visit.
        (await officer.GetAsync($"/officer/persons/{reference}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await app.WithDbAsync(ctx => ctx.Set<PersonAccess>()
            .Where(a => ctx.Set<Person>().Any(p => p.Id == a.PersonId && p.Reference == reference)).ToListAsync());
        var view = entries.ShouldHaveSingleItem();
        view.Action.ShouldBe(AccessAction.ViewProfile);
        view.Reason.ShouldBe(AccessReasons.RegistryWork);
        view.ActorRole.ShouldBe(Roles.Officer);
        view.Organisation.ShouldNotBeNullOrWhiteSpace();

        var log = await (await migrant.GetAsync("/me/access-log")).TextAsync();
        log.ShouldContain("Ваш профиль");
        log.ShouldContain("Сотрудник министерства");
        log.ShouldContain(view.Organisation);
        log.ShouldNotContain("AccessReason.");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_name_change_waits_for_an_officer_and_a_withdrawn_consent_ends_at_once(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, "+998901110004",
            new("Bobur", "Karimov", null, new DateOnly(1990, 1, 5), "Male", "AC1112223"));

        var change = await migrant.PostFormAsync("/register/name?change=true", new Dictionary<string, string> { ["GivenName"] = "Bobur", ["FamilyName"] = "Qodirov", ["change"] = "true" });
        change.Headers.Location!.ToString().ShouldBe("/me");
        var me = await (await migrant.GetAsync("/me")).TextAsync();
        me.ShouldContain("waiting for an officer");
        me.ShouldContain("Karimov");
        (await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Reference == reference))).FamilyName.ShouldBe("Karimov");

        // A change that needs no review applies at once and is kept in history.
        await migrant.PostFormAsync("/register/destinations?change=true", new Dictionary<string, string> { ["Destinations"] = "DE", ["change"] = "true" });
        (await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Reference == reference))).PreferredDestinations.ShouldBe(["DE"]);

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var pending = await app.WithDbAsync(ctx => ctx.Set<PersonChange>().SingleAsync(c => c.Status == ChangeStatus.PendingReview && ctx.Set<Person>().Any(p => p.Id == c.PersonId && p.Reference == reference)));
        pending.Field.ShouldBe(PersonFields.FamilyName);
        (await (await officer.GetAsync("/officer/persons/changes")).TextAsync()).ShouldContain("Qodirov");
        var approve = await officer.PostFormAsync("/officer/persons/changes", new Dictionary<string, string> { ["Note"] = "Checked against the passport" },
            $"/officer/persons/changes?handler=Approve&id={pending.Id}");
        approve.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Reference == reference));
        person.FamilyName.ShouldBe("Qodirov");
        person.FamilyKey.ShouldStartWith("k");
        var history = await app.WithDbAsync(ctx => ctx.Set<PersonChange>().Where(c => c.PersonId == person.Id).Select(c => c.Field + ":" + c.Status).ToListAsync());
        history.ShouldContain("FamilyName:Approved");
        history.ShouldContain("Destinations:Applied");

        // Consent withdrawal.
        var consent = await app.WithDbAsync(ctx => ctx.Set<Consent>().SingleAsync(c => c.PersonId == person.Id && c.Purpose == ConsentPurpose.Statistics));
        var withdrawn = await migrant.PostFormAsync("/me/consents", new Dictionary<string, string>(), $"/me/consents?handler=Withdraw&id={consent.Id}");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithScopeAsync(sp => sp.GetRequiredService<PersonConsents>().HasConsentAsync(person.Id, ConsentPurpose.Statistics))).ShouldBeFalse();
        (await (await migrant.GetAsync("/me/consents")).TextAsync()).ShouldContain("Withdrawn on");
        // Withdrawing twice, or someone else's consent, is not found.
        (await migrant.PostFormAsync("/me/consents", new Dictionary<string, string>(), $"/me/consents?handler=Withdraw&id={consent.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Only_officers_reach_the_registry_and_a_migrant_sees_only_themselves(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var anonymous = app.Browser();
        (await anonymous.GetAsync("/officer/persons")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetAsync("/me")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var migrant = app.EnglishBrowser();
        await migrant.SignInMigrantAsync(app, "+998901110005");
        await DeniedAsync(migrant, "/officer/persons");
        await DeniedAsync(migrant, "/officer/persons/duplicates");
        (await migrant.GetAsync("/me")).Headers.Location!.ToString().ShouldBe("/register");

        var agency = app.EnglishBrowser();
        await agency.SignInStaffAsync(DemoAccounts.AgencyEmail);
        await DeniedAsync(agency, "/officer/persons");
        await DeniedAsync(agency, "/me");
        await DeniedAsync(agency, "/register");

        var consul = app.EnglishBrowser();
        await consul.SignInStaffAsync(DemoAccounts.ConsularEmail);
        (await consul.GetAsync("/officer/persons")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DeniedAsync(consul, "/officer/persons/new");
        await DeniedAsync(consul, "/officer/persons/changes");
        (await consul.GetAsync("/officer/persons/PER-0000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Two registered migrants: each sees their own record, and the other's is out of reach by every path.
        var first = app.EnglishBrowser();
        var firstReference = await Registration.RegisterAsync(app, first, "+998901110011", new("Farrukh", "Tursunov", null, new DateOnly(1996, 5, 1), "Male", "FA 765-4321"));
        var second = app.EnglishBrowser();
        var secondReference = await Registration.RegisterAsync(app, second, "+998901110012", new("Gulnora", "Saidova", null, new DateOnly(1998, 9, 9), "Female", "FA 111-2233"));
        var own = await first.GetStringAsync("/me");
        own.ShouldContain("Tursunov");
        own.ShouldNotContain("Saidova");
        own.ShouldNotContain(secondReference);
        await DeniedAsync(first, "/officer/persons/" + secondReference);
        await DeniedAsync(first, "/officer/persons/" + firstReference);
        (await first.GetStringAsync("/me/access-log")).ShouldNotContain("Saidova");
        (await second.GetStringAsync("/me")).ShouldNotContain("Tursunov");
    }
}
