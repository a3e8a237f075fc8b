using System.Globalization;
using System.Net;
using Caravan.Core.Audit;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Training;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Training;

/// <summary>Officers plan centres and sessions with a trainer, and revoke certificates and cards; each refusal says why.</summary>
public class TrainingPlanningTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>People registered earlier by an officer; the registration pages have their own tests.</summary>
    private static Task<List<Guid>> PeopleAsync(CaravanApp app, int count) => app.WithDbAsync(async d =>
    {
        var now = DateTime.UtcNow;
        var people = Enumerable.Range(0, count).Select(i => new Person
        {
            Reference = "TPL-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            Status = PersonStatus.Active,
            Channel = RegistrationChannel.Assisted,
            GivenName = "Malika",
            FamilyName = "Saidova",
            GivenKey = "MALIKA",
            FamilyKey = "SAIDOVA",
            Sex = Sex.Female,
            Citizenship = "UZ",
            CreatedAt = now,
            RegisteredAt = now,
            UpdatedAt = now,
        }).ToList();
        d.AddRange(people);
        await d.SaveChangesAsync();
        return people.Select(p => p.Id).ToList();
    });

    private static Dictionary<string, string> Session(Guid course, Guid centre, DateTime at, string capacity, Guid? trainer, Guid? version = null) => new()
    {
        ["CourseId"] = course.ToString(),
        ["CentreId"] = centre.ToString(),
        ["StartsDay"] = S(at.Day),
        ["StartsMonth"] = S(at.Month),
        ["StartsYear"] = S(at.Year),
        ["StartsTime"] = at.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Language"] = "tg",
        ["Capacity"] = capacity,
        ["TrainerId"] = trainer?.ToString() ?? "",
        ["Version"] = version?.ToString() ?? "",
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_adds_a_centre_and_a_session_with_its_trainer_and_new_seats_go_to_the_people_waiting(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await officer.GetStringAsync("/dashboard/officer")).ShouldContain("href=\"/training/manage\"");

        var centreName = $"Khujand Migration Centre {Guid.NewGuid():N}"[..40];
        var empty = await officer.PostFormAsync("/training/manage/centres", new Dictionary<string, string> { ["Name"] = centreName, ["City"] = " ", ["Address"] = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await empty.TextAsync()).ShouldContain("Enter this");
        (await app.WithDbAsync(d => d.Set<TrainingCentre>().CountAsync(c => c.Name == centreName))).ShouldBe(0);
        (await officer.PostFormAsync("/training/manage/centres", new Dictionary<string, string> { ["Name"] = centreName, ["City"] = "Khujand", ["Address"] = "Lenin street 12" }))
            .Headers.Location!.ToString().ShouldBe("/training/manage");
        var centre = await app.WithDbAsync(d => d.Set<TrainingCentre>().SingleAsync(c => c.Name == centreName));
        (await officer.GetStringAsync("/training/manage")).ShouldContain(centreName);

        var course = await app.WithDbAsync(d => d.Set<Course>().Where(c => c.DestinationCountry == "RU").Select(c => c.Id).FirstAsync());
        var trainer = await app.WithDbAsync(d => d.Users.Where(u => u.Email == DemoAccounts.TrainerEmail).Select(u => u.Id).SingleAsync());
        var when = DateTime.UtcNow.Date.AddDays(12).AddHours(9);

        // Bad input: every field says why, and nothing is written.
        var bad = await officer.PostFormAsync("/training/manage/sessions", Session(course, centre.Id, DateTime.UtcNow.Date.AddDays(-2), "0", Guid.NewGuid()));
        var badText = await bad.TextAsync();
        badText.ShouldContain("The session must start in the future");
        badText.ShouldContain("Enter a number of seats from 1 to 500");
        badText.ShouldContain("Choose a trainer from the list");
        var noDate = Session(course, centre.Id, when, "2", trainer);
        noDate["StartsTime"] = "25:99";
        (await (await officer.PostFormAsync("/training/manage/sessions", noDate)).TextAsync()).ShouldContain("Enter a real date and a time such as 10:00");
        (await app.WithDbAsync(d => d.Set<TrainingSession>().CountAsync(s => s.CentreId == centre.Id))).ShouldBe(0);

        (await officer.PostFormAsync("/training/manage/sessions", Session(course, centre.Id, when, "1", trainer))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await app.WithDbAsync(d => d.Set<TrainingSession>().SingleAsync(s => s.CentreId == centre.Id));
        session.StartsAt.ShouldBe(when);
        session.TrainerId.ShouldBe(trainer);
        session.Language.ShouldBe("tg");
        (await app.Browser().GetStringAsync("/training?culture=en")).ShouldContain($"href=\"/training/sessions/{session.Id}\"");
        var trainerPage = app.EnglishBrowser();
        await trainerPage.SignInStaffAsync(DemoAccounts.TrainerEmail);
        (await trainerPage.GetStringAsync("/training/trainer")).ShouldContain($"/training/trainer/sessions/{session.Id}");

        // One seat taken and one person waiting: fewer seats than taken is refused, more seats go to the waiting.
        var people = await PeopleAsync(app, 2);
        await app.WithDbAsync(async d =>
        {
            d.Add(new Enrolment { SessionId = session.Id, PersonId = people[0], Status = EnrolmentStatus.Enrolled, EnrolledAt = DateTime.UtcNow.AddMinutes(-2), EnrolledBy = "self" });
            d.Add(new Enrolment { SessionId = session.Id, PersonId = people[1], Status = EnrolmentStatus.Waiting, EnrolledAt = DateTime.UtcNow.AddMinutes(-1), EnrolledBy = "self" });
            return await d.SaveChangesAsync();
        });
        var page = $"/training/manage/sessions/{session.Id}";
        (await officer.GetStringAsync(page)).ShouldContain("1 seats taken, 1 people waiting");
        var version = await app.WithDbAsync(d => d.Set<TrainingSession>().Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync());
        (await (await officer.PostFormAsync(page, Session(course, centre.Id, when, "0", trainer, version))).TextAsync()).ShouldContain("Enter a number of seats from 1 to 500");
        (await officer.PostFormAsync(page, Session(course, centre.Id, when, "2", trainer, version))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(d => d.Set<Enrolment>().Where(e => e.SessionId == session.Id).Select(e => e.Status).ToListAsync())).ShouldAllBe(s => s == EnrolmentStatus.Enrolled);
        var stale = await officer.PostFormAsync(page, Session(course, centre.Id, when, "1", trainer, version));
        (await stale.TextAsync()).ShouldContain("changed");
        (await app.WithDbAsync(d => d.Set<TrainingSession>().Where(s => s.Id == session.Id).Select(s => s.Capacity).SingleAsync())).ShouldBe(2);
        version = await app.WithDbAsync(d => d.Set<TrainingSession>().Where(s => s.Id == session.Id).Select(s => s.Version).SingleAsync());
        (await (await officer.PostFormAsync(page, Session(course, centre.Id, when, "1", trainer, version))).TextAsync()).ShouldContain("There are more people enrolled than this");

        (await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(TrainingSession) && a.EntityId == session.Id.ToString()))).ShouldBeGreaterThanOrEqualTo(2);

        // Trainers and migrants do not plan.
        var denied = await trainerPage.GetAsync("/training/manage");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/account/denied");
        (await app.Browser().GetAsync("/training/manage/sessions")).Headers.Location!.ToString().ShouldContain("/account/sign-in");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_officer_revokes_a_certificate_with_a_reason_and_verification_says_revoked_from_then_on(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var code = CredentialCodes.New();
        var person = (await PeopleAsync(app, 1))[0];
        await app.WithDbAsync(async d =>
        {
            d.Add(new Credential
            {
                Code = code,
                Kind = CredentialKind.TrainingCertificate,
                PersonId = person,
                SubjectId = Guid.NewGuid(),
                Initials = "M. S.",
                About = "RightsAndLaw KZ",
                On = DateOnly.FromDateTime(DateTime.UtcNow),
                Token = "not-checked-here",
                IssuedAt = DateTime.UtcNow,
            });
            return await d.SaveChangesAsync();
        });

        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = "" }, "/credentials/revoke?handler=Find")).TextAsync()).ShouldContain("Enter the code");
        (await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = "CRV-AAAA-AAAA-AAAA" }, "/credentials/revoke?handler=Find")).TextAsync())
            .ShouldContain("No certificate or card has this code");

        var found = await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = code.ToLowerInvariant() }, "/credentials/revoke?handler=Find")).TextAsync();
        found.ShouldContain("M. S.");
        found.ShouldContain("data-state=\"Valid\"");
        var noReason = await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = code, ["Reason"] = " " }, "/credentials/revoke?handler=Revoke")).TextAsync();
        noReason.ShouldContain("Give the reason for revoking");
        (await app.WithDbAsync(d => d.Set<Credential>().Where(c => c.Code == code).Select(c => c.RevokedAt).SingleAsync())).ShouldBeNull();

        var done = await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = code, ["Reason"] = "Issued by mistake" }, "/credentials/revoke?handler=Revoke")).TextAsync();
        done.ShouldContain("id=\"revoked\"");
        done.ShouldContain("data-state=\"Revoked\"");
        done.ShouldNotContain("id=\"revoke\"");
        (await (await app.Browser().PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = code })).TextAsync()).ShouldContain("data-state=\"Revoked\"");
        (await (await officer.PostFormAsync("/credentials/revoke", new Dictionary<string, string> { ["Code"] = code, ["Reason"] = "Again" }, "/credentials/revoke?handler=Revoke")).TextAsync())
            .ShouldContain("This was already revoked");
        var stored = await app.WithDbAsync(d => d.Set<Credential>().SingleAsync(c => c.Code == code));
        stored.RevokedReason.ShouldBe("Issued by mistake");
        var officerId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == DemoAccounts.OfficerEmail).Select(u => u.Id).SingleAsync());
        (await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(Credential) && a.EntityId == stored.Id.ToString() && a.Actor == $"user:{officerId}"))).ShouldBe(1);

        var trainer = app.Browser();
        await trainer.SignInStaffAsync(DemoAccounts.TrainerEmail);
        (await trainer.GetAsync("/credentials/revoke")).Headers.Location!.ToString().ShouldContain("/account/denied");
    }
}
