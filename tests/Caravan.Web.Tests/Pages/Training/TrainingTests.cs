using System.Net;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Messaging;
using Caravan.Core.Migrants;
using Caravan.Core.Training;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Messaging;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Pages.Training;

/// <summary>Issue 16's training: enrolment with a waiting list, assessment by the session's trainer, and signed certificates.</summary>
public class TrainingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static async Task<Guid> SessionAsync(CaravanApp app, DateTime startsAt, int capacity, Guid? trainer = null) =>
        await app.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().FirstAsync(c => c.Topic == CourseTopic.RightsAndLaw && c.DestinationCountry == "KZ");
            var centre = await db.Set<TrainingCentre>().FirstAsync();
            trainer ??= await db.Users.Where(u => u.Email == DemoAccounts.TrainerEmail).Select(u => u.Id).SingleAsync();
            var session = new TrainingSession { CourseId = course.Id, CentreId = centre.Id, StartsAt = startsAt, Language = "tg", Capacity = capacity, TrainerId = trainer };
            db.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

    private static async Task<(HttpClient Client, Person Person)> MigrantAsync(CaravanApp app, string phone, string given, string family, string passport)
    {
        var client = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, client, phone, new(given, family, null, new DateOnly(2001, 7, 2), "Male", passport));
        return (client, await app.WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Reference == reference)));
    }

    private static Task<EnrolmentStatus?> StatusAsync(CaravanApp app, Guid session, Guid person) =>
        app.WithDbAsync(db => db.Set<Enrolment>().Where(e => e.SessionId == session && e.PersonId == person).Select(e => (EnrolmentStatus?)e.Status).SingleOrDefaultAsync());

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_full_session_offers_the_waiting_list_and_a_freed_seat_goes_to_the_first_waiting(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var session = await SessionAsync(app, DateTime.UtcNow.AddDays(10), capacity: 1);
        var (first, firstPerson) = await MigrantAsync(app, "+998901170001", "Sardor", "Aliyev", "AB7010001");
        var (second, secondPerson) = await MigrantAsync(app, "+998901170002", "Farrukh", "Nazarov", "AB7010002");

        (await (await app.Browser().GetAsync("/training?culture=tg")).TextAsync()).ShouldContain($"href=\"/training/sessions/{session}\"");
        var enrolled = await first.PostFormAsync($"/training/sessions/{session}", new Dictionary<string, string> { ["waitingList"] = "false" });
        enrolled.Headers.Location!.ToString().ShouldBe("/me/training");
        (await StatusAsync(app, session, firstPerson.Id)).ShouldBe(EnrolmentStatus.Enrolled);
        (await (await first.GetAsync("/me/training")).TextAsync()).ShouldContain("You are enrolled");

        // The session filled while the second person looked at it: the waiting list is offered, nothing is written.
        var full = await second.PostFormAsync($"/training/sessions/{session}", new Dictionary<string, string> { ["waitingList"] = "false" });
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await full.TextAsync()).ShouldContain("id=\"session-full\"");
        (await StatusAsync(app, session, secondPerson.Id)).ShouldBeNull();
        (await second.PostFormAsync($"/training/sessions/{session}", new Dictionary<string, string> { ["waitingList"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(app, session, secondPerson.Id)).ShouldBe(EnrolmentStatus.Waiting);

        var twice = await second.PostFormAsync($"/training/sessions/{session}", new Dictionary<string, string> { ["waitingList"] = "true" });
        (await twice.TextAsync()).ShouldContain("already enrolled");
        (await app.WithDbAsync(d => d.Set<Enrolment>().CountAsync(e => e.SessionId == session))).ShouldBe(2);

        // The first gives up the seat; the first person waiting takes it.
        var mine = await app.WithDbAsync(d => d.Set<Enrolment>().Where(e => e.SessionId == session && e.PersonId == firstPerson.Id).Select(e => e.Id).SingleAsync());
        (await first.PostFormAsync("/me/training", new Dictionary<string, string> { ["enrolment"] = mine.ToString() }, "/me/training?handler=Cancel")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(app, session, firstPerson.Id)).ShouldBe(EnrolmentStatus.Cancelled);
        (await StatusAsync(app, session, secondPerson.Id)).ShouldBe(EnrolmentStatus.Enrolled);

        // Anyone but a signed-in migrant is asked to sign in, and gets no enrolment form.
        var anonymous = await (await app.Browser().GetAsync($"/training/sessions/{session}")).TextAsync();
        anonymous.ShouldContain("href=\"/account/phone\"");
        anonymous.ShouldNotContain("name=\"waitingList\"");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_sessions_trainer_passes_a_person_and_the_certificate_verifies_until_revoked(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var today = await SessionAsync(app, DateTime.UtcNow.Date, capacity: 10);
        var later = await SessionAsync(app, DateTime.UtcNow.AddDays(5), capacity: 10);
        var (migrant, person) = await MigrantAsync(app, "+998901170003", "Rustam", "Qodirov", "AB7010003");
        var (enrolment, laterEnrolment) = await app.WithDbAsync(async d =>
        {
            var now = DateTime.UtcNow;
            var a = new Enrolment { SessionId = today, PersonId = person.Id, Status = EnrolmentStatus.Enrolled, EnrolledAt = now.AddDays(-3), EnrolledBy = "self" };
            var b = new Enrolment { SessionId = later, PersonId = person.Id, Status = EnrolmentStatus.Enrolled, EnrolledAt = now, EnrolledBy = "self" };
            d.AddRange(a, b);
            await d.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var trainer = app.Browser();
        (await trainer.SignInStaffAsync(DemoAccounts.TrainerEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var roster = await trainer.GetAsync($"/training/trainer/sessions/{today}?culture=en");
        roster.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await roster.TextAsync()).ShouldContain(person.Reference);
        (await app.WithDbAsync(d => d.Set<PersonAccess>().CountAsync(a => a.PersonId == person.Id && a.Reason == Caravan.Web.Pages.Training.Trainer.SessionModel.AccessReason))).ShouldBe(1);

        var notYet = await trainer.PostFormAsync($"/training/trainer/sessions/{later}?culture=en",
            new Dictionary<string, string> { ["enrolment"] = laterEnrolment.ToString(), ["outcome"] = "Passed" }, $"/training/trainer/sessions/{later}?handler=Assess&culture=en");
        (await notYet.TextAsync()).ShouldContain("only on or after the day of the session");

        var passed = await trainer.PostFormAsync($"/training/trainer/sessions/{today}",
            new Dictionary<string, string> { ["enrolment"] = enrolment.ToString(), ["outcome"] = "Passed" }, $"/training/trainer/sessions/{today}?handler=Assess");
        passed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var certificate = await app.WithDbAsync(d => d.Set<Credential>().AsNoTracking().SingleAsync(c => c.SubjectId == enrolment));
        certificate.Kind.ShouldBe(CredentialKind.TrainingCertificate);
        certificate.Initials.ShouldBe("R. Q.");
        (await StatusAsync(app, today, person.Id)).ShouldBe(EnrolmentStatus.Passed);
        var mine = await (await migrant.GetAsync("/me/training")).TextAsync();
        mine.ShouldContain(certificate.Code);
        mine.ShouldContain("data:image/png;base64,");
        await (await migrant.GetAsync($"/me/training?handler=Certificate&code={certificate.Code}")).ShouldBeCredentialPdfAsync(certificate.Code);

        // Offline: an officer's device holding the published key set checks the QR's payload with no call to the node.
        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await app.CreateClient().GetStringAsync(Caravan.Web.Api.SigningEndpoints.JwksPath));
        var offline = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(certificate.Token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        offline.IsValid.ShouldBeTrue(offline.Exception?.Message);
        ((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)offline.SecurityToken).Typ.ShouldBe(TrainingCertificates.TokenType);
        ((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)offline.SecurityToken).GetPayloadValue<string>("Code").ShouldBe(certificate.Code);
        (await migrant.GetAsync("/me/training?handler=Certificate&code=CRV-AAAA-BBBB-CCCC")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var officer = app.Browser();
        var byCode = await (await officer.PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = certificate.Code })).TextAsync();
        byCode.ShouldContain("data-state=\"Valid\"");
        byCode.ShouldContain("Pre-departure training certificate");
        (await (await officer.PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = certificate.Token })).TextAsync()).ShouldContain("data-state=\"Valid\"");
        await app.WithScopeAsync(sp => sp.GetRequiredService<CredentialCommands>().RevokeAsync(certificate.Code, "Issued by mistake"));
        (await (await officer.PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = certificate.Token })).TextAsync()).ShouldContain("data-state=\"Revoked\"");

        // Another trainer cannot see or mark this session.
        var email = $"trainer-{Guid.NewGuid():N}@example.org";
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var user = new CaravanUser { UserName = email, Email = email, CountryCode = "UZ" };
            (await users.CreateAsync(user, "Correct-Horse-2026")).Succeeded.ShouldBeTrue();
            return (await users.AddToRoleAsync(user, Roles.Trainer)).Succeeded;
        });
        var stranger = app.Browser();
        await stranger.SignInStaffAsync(email, "Correct-Horse-2026");
        (await stranger.GetAsync($"/training/trainer/sessions/{today}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Browser().GetAsync("/training/trainer")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var asMigrant = await migrant.GetAsync("/training/trainer");
        asMigrant.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        asMigrant.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_reminder_and_a_certificate_reach_the_migrant_once_in_the_language_they_chose_and_not_after_opting_out(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        const string phone = "+998901170005";
        var (migrant, person) = await MigrantAsync(app, phone, "Jamshed", "Rahimov", "AB7010005");
        person.MessageCulture.ShouldBe("en");

        // An unknown language is refused and nothing changes; Tajik is kept.
        var bad = await migrant.PostFormAsync("/me/consents", new Dictionary<string, string> { ["Receive"] = "true", ["MessageLanguage"] = "xx" }, "/me/consents?handler=Messages");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.TextAsync()).ShouldContain("Choose a language from the list");
        (await migrant.PostFormAsync("/me/consents", new Dictionary<string, string> { ["Receive"] = "true", ["MessageLanguage"] = "tg" }, "/me/consents?handler=Messages"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(d => d.Set<Person>().Where(p => p.Id == person.Id).Select(p => p.MessageCulture).SingleAsync())).ShouldBe("tg");
        (await (await migrant.GetAsync("/me/consents")).TextAsync()).ShouldContain("<option value=\"tg\" lang=\"tg\" selected=\"selected\">");

        var tomorrow = await SessionAsync(app, DateTime.UtcNow.AddHours(20), capacity: 5);
        var nextMonth = await SessionAsync(app, DateTime.UtcNow.AddDays(30), capacity: 5);
        var today = await SessionAsync(app, DateTime.UtcNow.Date, capacity: 5);
        var enrolments = await app.WithDbAsync(async d =>
        {
            var rows = new[] { tomorrow, nextMonth, today }.Select(s => new Enrolment { SessionId = s, PersonId = person.Id, Status = EnrolmentStatus.Enrolled, EnrolledAt = DateTime.UtcNow, EnrolledBy = "self" }).ToList();
            d.AddRange(rows);
            await d.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

        // Two runs, one reminder: only the session within the lead time, marked as it is queued.
        await app.WithScopeAsync(sp => sp.GetRequiredService<TrainingReminderJob>().RunAsync(CancellationToken.None));
        await app.WithScopeAsync(sp => sp.GetRequiredService<TrainingReminderJob>().RunAsync(CancellationToken.None));
        var reminders = await Notices.ToAsync(app, phone);
        reminders.Count.ShouldBe(1);
        reminders[0].Template.ShouldBe(Notices.Of(MigrantNotice.SessionReminder));
        reminders[0].Culture.ShouldBe("tg");
        reminders[0].Body.ShouldContain("ёдрас мекунем");
        (await app.WithDbAsync(d => d.Set<Enrolment>().SingleAsync(e => e.Id == enrolments[0]))).RemindedAt.ShouldNotBeNull();
        (await app.WithDbAsync(d => d.Set<Enrolment>().SingleAsync(e => e.Id == enrolments[1]))).RemindedAt.ShouldBeNull();

        var trainer = await app.WithDbAsync(d => d.Users.Where(u => u.Email == DemoAccounts.TrainerEmail).Select(u => u.Id).SingleAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<TrainingCommands>().AssessAsync(trainer, enrolments[2], EnrolmentStatus.Passed));
        var afterPass = await Notices.ToAsync(app, phone);
        afterPass.Select(n => n.Template).ShouldBe([Notices.Of(MigrantNotice.SessionReminder), Notices.Of(MigrantNotice.CertificateIssued)]);
        afterPass[1].Body.ShouldContain("шаҳодатнома");

        // After opting out, a second pass issues a certificate but sends nothing.
        (await migrant.PostFormAsync("/me/consents", new Dictionary<string, string> { ["MessageLanguage"] = "tg" }, "/me/consents?handler=Messages")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var another = await SessionAsync(app, DateTime.UtcNow.Date, capacity: 5);
        var second = await app.WithDbAsync(async d =>
        {
            var row = new Enrolment { SessionId = another, PersonId = person.Id, Status = EnrolmentStatus.Enrolled, EnrolledAt = DateTime.UtcNow, EnrolledBy = "self" };
            d.Add(row);
            await d.SaveChangesAsync();
            return row.Id;
        });
        (await app.WithScopeAsync(sp => sp.GetRequiredService<TrainingCommands>().AssessAsync(trainer, second, EnrolmentStatus.Passed))).ShouldBe(AssessResult.Done);
        (await app.WithDbAsync(d => d.Set<Credential>().CountAsync(c => c.SubjectId == second))).ShouldBe(1);
        (await Notices.ToAsync(app, phone)).Count.ShouldBe(2);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_destination_that_needs_a_certificate_refuses_a_departure_without_a_valid_one(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.Browser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        (await admin.PostFormAsync("/admin/training-rules", new Dictionary<string, string> { ["destinations"] = "KZ" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await admin.GetAsync("/admin/training-rules")).TextAsync()).ShouldContain("value=\"KZ\" checked");
        try
        {
            var (migrant, person) = await MigrantAsync(app, "+998901170004", "Bekzod", "Ismoilov", "AB7010004");
            var left = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            Dictionary<string, string> Departure() => new()
            {
                ["Form.Independent"] = "yes",
                ["Form.Destination"] = "KZ",
                ["Form.City"] = "Almaty",
                ["Form.Wage"] = "280000",
                ["Form.Currency"] = "KZT",
                ["Form.HoursPerWeek"] = "40",
                ["Form.ContractMonths"] = "12",
                ["Form.DateDay"] = left.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Form.DateMonth"] = left.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Form.DateYear"] = left.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            async Task Certificate(string about, bool revoked) => await app.WithDbAsync(async d =>
            {
                d.Add(new Credential
                {
                    Code = CredentialCodes.New(),
                    Kind = CredentialKind.TrainingCertificate,
                    PersonId = person.Id,
                    SubjectId = Guid.NewGuid(),
                    Initials = "B. I.",
                    About = about,
                    On = left,
                    Token = "not-checked-here",
                    IssuedAt = DateTime.UtcNow,
                    RevokedAt = revoked ? DateTime.UtcNow : null,
                });
                return await d.SaveChangesAsync();
            });
            Task<int> Departures() => app.WithDbAsync(d => d.Set<Departure>().CountAsync(x => x.PersonId == person.Id));

            var refused = await migrant.PostFormAsync("/me/departure", Departure());
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.TextAsync()).ShouldContain("needs a pre-departure training certificate");
            (await Departures()).ShouldBe(0);

            // A certificate for another destination, or a revoked one, does not count.
            await Certificate("RightsAndLaw RU", revoked: false);
            await Certificate("HealthAndSafety", revoked: true);
            (await (await migrant.PostFormAsync("/me/departure", Departure())).TextAsync()).ShouldContain("needs a pre-departure training certificate");
            (await Departures()).ShouldBe(0);

            await Certificate("RightsAndLaw KZ", revoked: false);
            (await migrant.PostFormAsync("/me/departure", Departure())).Headers.Location!.ToString().ShouldBe("/me");
            (await Departures()).ShouldBe(1);
        }
        finally
        {
            (await admin.PostFormAsync("/admin/training-rules", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }
}
