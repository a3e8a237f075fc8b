using Caravan.Core.Messaging;
using System.Net;
using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Statistics;
using Caravan.Web.Tests.Infrastructure;
using Caravan.Web.Tests.Pages.Migrants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caravan.Web.Tests.Pages.Cases;

/// <summary>Issue 5 end to end over HTTP, on SQLite and PostgreSQL: intake, triage, SLA escalation, need-to-know, messaging, outcome, scorecard.</summary>
public class CaseTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static List<KeyValuePair<string, string>> Report(Guid key, string narrative, string? licence = null, params string[] indicators)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.SubmissionKey", key.ToString()),
            new("Form.Category", nameof(CaseCategory.UnpaidWages)),
            new("Form.Country", "RU"),
            new("Form.City", "Moscow"),
            new("Form.Employer", "StroyMontazh LLC"),
            new("Form.Narrative", narrative),
        };
        if (licence is not null)
        {
            fields.Add(new("Form.AgencyLicence", licence));
        }

        fields.AddRange(indicators.Select(i => new KeyValuePair<string, string>("Form.Indicators", i)));
        return fields;
    }

    private static Task<T> Job<T>(CaravanApp app, DateTimeOffset at, Func<IServiceProvider, TimeProvider, Task<T>> run) =>
        app.WithScopeAsync(sp => run(sp, new FakeTimeProvider(at)));

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_migrant_in_Moscow_is_helped_the_case_escalates_closes_substantiated_and_counts_against_the_agency(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var phone = "+998901170001";
        var migrant = app.EnglishBrowser();
        var personRef = await Registration.RegisterAsync(app, migrant, phone, new("Dilshod", "Rahimov", null, new DateOnly(1994, 3, 2), "Male", "AA7654321"));
        var agency = await app.WithDbAsync(ctx => ctx.Set<Agency>().Where(a => a.LicenceNumber != null).OrderBy(a => a.LicenceNumber).FirstAsync());
        var key = Guid.NewGuid();
        var fields = Report(key, "The employer has not paid me for three months and keeps my passport.", agency.LicenceNumber,
            nameof(ForcedLabourIndicator.WithheldWages), nameof(ForcedLabourIndicator.DocumentRetention));

        var sent = await migrant.PostMultipartAsync("/me/cases/new", fields);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.TextAsync());
        var location = sent.Headers.Location!.ToString();
        location.ShouldStartWith("/me/cases/CAS-");
        // The same form sent twice opens one case.
        (await migrant.PostMultipartAsync("/me/cases/new", fields)).Headers.Location!.ToString().ShouldBe(location);
        var reference = location["/me/cases/".Length..];
        var opened = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.SubmissionKey == key));
        opened.Reference.ShouldBe(reference);
        opened.Priority.ShouldBe(CasePriority.Urgent);
        opened.AgencyId.ShouldBe(agency.Id);
        (opened.FirstContactDueAt - opened.OpenedAt).ShouldBe(TimeSpan.FromHours(24));
        var team = await app.WithDbAsync(ctx => ctx.Set<CaseTeam>().SingleAsync(t => t.Id == opened.TeamId));
        team.City.ShouldBe("Moscow");
        // Sensitive at rest: neither the narrative nor the indicators are stored in clear.
        opened.NarrativeCipher.ShouldNotContain("passport");
        opened.IndicatorsCipher.ShouldNotContain(nameof(ForcedLabourIndicator.WithheldWages));

        // Nobody has opened the file yet; the consul's queue lists the case without its narrative.
        (await (await migrant.GetAsync(location)).TextAsync()).ShouldContain("No one has opened your case file yet.");
        var consul = app.EnglishBrowser();
        await consul.SignInStaffAsync(DemoAccounts.ConsularEmail);
        var queue = await (await consul.GetAsync("/cases")).TextAsync();
        queue.ShouldContain(reference);
        queue.ShouldContain("Urgent");
        queue.ShouldNotContain("three months");

        // Need to know: a hotline operator outside the team gets nothing; a supervisor of another team only sees that it exists.
        var hotline = app.EnglishBrowser();
        await hotline.SignInStaffAsync(DemoAccounts.HotlineEmail);
        (await hotline.GetAsync($"/cases/{reference}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        var existsOnly = await (await officer.GetAsync($"/cases/{reference}")).TextAsync();
        existsOnly.ShouldContain("This case exists and is handled by the team below");
        existsOnly.ShouldContain(team.Name);
        existsOnly.ShouldNotContain("three months");

        // A team member who is not assigned sees the queue row and takes the case; then the file opens, and is logged.
        var row = await (await consul.GetAsync($"/cases/{reference}")).TextAsync();
        row.ShouldContain("Take this case");
        row.ShouldNotContain("three months");
        (await consul.PostFormAsync($"/cases/{reference}", new Dictionary<string, string>(), $"/cases/{reference}?handler=Take")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var file = await (await consul.GetAsync($"/cases/{reference}")).TextAsync();
        file.ShouldContain("The employer has not paid me for three months and keeps my passport.");
        file.ShouldContain("My passport or documents are held by the employer or someone else");
        var openedBy = await (await migrant.GetAsync(location)).TextAsync();
        openedBy.ShouldContain("Demo Consular Officer");
        (await (await migrant.GetAsync("/me/access-log")).TextAsync()).ShouldContain("Opened your case file");

        // 25 hours later nobody has contacted the migrant: the SLA job escalates once and tells the supervisor, without details.
        var sms = app.Services.GetRequiredService<DevelopmentMessages>();
        await Job(app, opened.OpenedAt.AddHours(25), async (sp, clock) =>
        {
            await ActivatorUtilities.CreateInstance<SlaJob>(sp, clock).RunAsync(CancellationToken.None);
            await ActivatorUtilities.CreateInstance<SlaJob>(sp, clock).RunAsync(CancellationToken.None);
            return 0;
        });
        var escalated = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.Id == opened.Id));
        escalated.EscalatedAt.ShouldNotBeNull();
        (await app.WithDbAsync(ctx => ctx.Set<CaseEvent>().CountAsync(e => e.CaseId == opened.Id && e.Kind == CaseEventKind.Escalated))).ShouldBe(1);
        var alert = sms.Sent.First(s => s.To == DemoAccounts.ConsularLeadPhone);
        alert.Text.ShouldNotContain(reference);
        alert.Text.ShouldNotContain("passport");
        var lead = app.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        var dashboard = await (await lead.GetAsync("/cases/dashboard")).TextAsync();
        dashboard.ShouldContain("Escalated cases");
        dashboard.ShouldContain(reference);

        // The consul writes to the migrant: the SMS only says there is a message.
        (await consul.PostFormAsync($"/cases/{reference}", new Dictionary<string, string> { ["Message"] = "We have called your employer. Can you send a photo of your contract?" }, $"/cases/{reference}?handler=Message"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var toMigrant = sms.Sent.First(s => s.To == phone);
        toMigrant.Text.ShouldNotContain("employer");
        toMigrant.Text.ShouldContain("new message");
        (await (await migrant.GetAsync(location)).TextAsync()).ShouldContain("Can you send a photo of your contract?");
        var reply = await migrant.PostMultipartAsync(location, [new("Message", "Here it is.")], ("Attachment", "contract.pdf", "%PDF-1.4 contract"u8.ToArray()));
        reply.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await consul.GetAsync($"/cases/{reference}")).TextAsync()).ShouldContain("Here it is.");

        // Closing needs a currency for an amount; then 1,200 USD recovered, substantiated.
        var close = new Dictionary<string, string> { ["Closing.Outcome"] = "Resolved", ["Closing.Substantiated"] = "yes", ["Closing.DocumentsReturned"] = "yes", ["Closing.Amount"] = "1200" };
        var refused = await (await consul.PostFormAsync($"/cases/{reference}", close, $"/cases/{reference}?handler=Close")).TextAsync();
        refused.ShouldContain("Choose the currency of the amount");
        close["Closing.Currency"] = "USD";
        (await consul.PostFormAsync($"/cases/{reference}", close, $"/cases/{reference}?handler=Close")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.Id == opened.Id));
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.AmountRecovered.ShouldBe(1200m);
        closed.Substantiated.ShouldBeTrue();
        (await (await migrant.GetAsync(location)).TextAsync()).ShouldContain("Resolved");

        // Facts for statistics, with no person in them.
        var facts = await app.WithDbAsync(ctx => ctx.Set<Fact>().Where(f => f.Kind == FactKind.CaseOpened || f.Kind == FactKind.CaseClosed).Where(f => f.AgencyId == agency.Id).ToListAsync());
        facts.ShouldContain(f => f.Kind == FactKind.CaseClosed && f.Outcome == "Resolved" && f.Priority == "Urgent" && f.Destination == "RU" && f.Sex == "M" && f.DaysToClose == 0);

        // The agency's scorecard counts the substantiated case.
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<ScorecardJob>().RunAsync(CancellationToken.None); return 0; });
        var card = await app.WithDbAsync(ctx => ctx.Set<AgencyScorecard>().SingleAsync(c => c.AgencyId == agency.Id));
        card.CasesSubstantiated.ShouldBeGreaterThanOrEqualTo(1);
        card.AmountRecoveredUsd.ShouldNotBeNull();
        card.AmountRecoveredUsd!.Value.ShouldBeGreaterThanOrEqualTo(1200m);
        card.CasesResolvedPercent.ShouldNotBeNull();
        (await (await consul.GetAsync($"/cases/{reference}")).TextAsync()).ShouldContain(personRef);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_anonymous_tip_is_followed_with_its_tracking_code_and_guessing_is_stopped(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var reporter = app.EnglishBrowser();
        var key = Guid.NewGuid();
        var fields = Report(key, "Twenty men are locked in a dormitory at the site and cannot leave.", null, nameof(ForcedLabourIndicator.RestrictionOfMovement));
        var first = await (await reporter.PostMultipartAsync("/report", fields)).TextAsync();
        first.ShouldContain("Your tracking code");
        var code = System.Text.RegularExpressions.Regex.Match(first, "id=\"tracking-code\"[^>]*>([A-Z0-9-]{14})<").Groups[1].Value;
        code.Length.ShouldBe(14);
        // The same form sent again shows the same code, and opens no second case.
        (await (await reporter.PostMultipartAsync("/report", fields)).TextAsync()).ShouldContain(code);
        var tip = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.SubmissionKey == key));
        tip.Channel.ShouldBe(CaseChannel.Anonymous);
        tip.PersonId.ShouldBeNull();
        tip.OpenedById.ShouldBeNull();
        tip.Priority.ShouldBe(CasePriority.Urgent);
        tip.TrackingHash.ShouldNotBeNull();
        tip.TrackingHash.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));

        // Typed in lower case without dashes, the code still finds the tip.
        var status = await (await reporter.PostFormAsync("/report/track", new Dictionary<string, string> { ["Code"] = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() })).TextAsync();
        status.ShouldContain("Open");
        status.ShouldContain("Your request was received.");
        var answered = await (await reporter.PostFormAsync("/report/track", new Dictionary<string, string> { ["Code"] = code, ["Message"] = "The site is on the north side of the ring road." }, "/report/track?handler=Reply")).TextAsync();
        answered.ShouldContain("Message sent");
        (await app.WithDbAsync(ctx => ctx.Set<CaseEvent>().CountAsync(e => e.CaseId == tip.Id && e.Kind == CaseEventKind.Message && e.FromReporter))).ShouldBe(1);

        // Ten wrong guesses from one client, then even the right code is refused for a while.
        var guesser = app.EnglishBrowser();
        for (var i = 0; i < 10; i++)
        {
            var wrong = await guesser.PostFormAsync("/report/track", new Dictionary<string, string> { ["Code"] = $"ZZZZ-ZZZZ-ZZ{i:00}" });
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await wrong.TextAsync()).ShouldContain("No report has this tracking code");
        }

        var locked = await guesser.PostFormAsync("/report/track", new Dictionary<string, string> { ["Code"] = code });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await locked.TextAsync()).ShouldContain("Too many wrong codes");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Files_that_lie_archives_and_empty_files_are_refused_and_the_rest_of_the_form_is_kept(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var reporter = app.EnglishBrowser();
        var narrative = "My documents were taken at the airport by the recruiter.";
        var zip = await (await reporter.PostMultipartAsync("/report", Report(Guid.NewGuid(), narrative), ("Attachment", "evidence.pdf", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]))).TextAsync();
        zip.ShouldContain("Archives (ZIP, RAR, 7z and similar) cannot be attached");
        zip.ShouldContain(narrative);
        zip.ShouldContain("StroyMontazh LLC");
        var exe = await (await reporter.PostMultipartAsync("/report", Report(Guid.NewGuid(), narrative), ("Attachment", "photo.jpg", "MZ\x90\0 this is a program"u8.ToArray()))).TextAsync();
        exe.ShouldContain("This kind of file cannot be attached");
        var empty = await (await reporter.PostMultipartAsync("/report", Report(Guid.NewGuid(), narrative), ("Attachment", "empty.pdf", []))).TextAsync();
        empty.ShouldContain("The file you chose is empty");
        var big = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(big);
        (await (await reporter.PostMultipartAsync("/report", Report(Guid.NewGuid(), narrative), ("Attachment", "big.pdf", big))).TextAsync()).ShouldContain("The file is too large");
        (await app.WithDbAsync(ctx => ctx.Set<LegalCase>().CountAsync(c => c.Channel == CaseChannel.Anonymous && c.City == "Moscow" && c.EmployerName == "StroyMontazh LLC" && c.Category == CaseCategory.UnpaidWages && c.IndicatorCount == 0)))
            .ShouldBe(0);

        // A real PDF is kept encrypted and only ever downloaded, never shown inline.
        var key = Guid.NewGuid();
        var pdf = "%PDF-1.4 a real contract"u8.ToArray();
        (await (await reporter.PostMultipartAsync("/report", Report(key, narrative), ("Attachment", "contract.pdf", pdf))).TextAsync()).ShouldContain("Your tracking code");
        var tip = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.SubmissionKey == key));
        var attachment = await app.WithDbAsync(ctx => ctx.Set<CaseAttachment>().SingleAsync(a => a.CaseId == tip.Id));
        attachment.ContentType.ShouldBe("application/pdf");
        var lead = app.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        var download = await lead.GetAsync($"/cases/{tip.Reference}?handler=Attachment&id={attachment.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        var consul = app.EnglishBrowser();
        await consul.SignInStaffAsync(DemoAccounts.ConsularEmail);
        (await consul.GetAsync($"/cases/{tip.Reference}?handler=Attachment&id={attachment.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Three_substantiated_cases_propose_a_sanction_that_a_licensing_officer_decides(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var agency = await app.WithDbAsync(ctx => ctx.Set<Agency>().Where(a => a.LicenceNumber != null).OrderByDescending(a => a.LicenceNumber).FirstAsync());
        var lead = app.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        for (var i = 0; i < 3; i++)
        {
            var opened = await lead.PostMultipartAsync("/cases/new", Report(Guid.NewGuid(), $"Worker {i} was charged a recruitment fee.", agency.LicenceNumber));
            opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.TextAsync());
            var page = opened.Headers.Location!.ToString();
            var reference = page["/cases/".Length..];
            (await (await lead.GetAsync(page)).TextAsync()).ShouldContain($"Worker {i} was charged");
            var closed = await lead.PostFormAsync(page, new Dictionary<string, string> { ["Closing.Outcome"] = "Resolved", ["Closing.Substantiated"] = "yes" }, $"{page}?handler=Close");
            closed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await closed.TextAsync());
            reference.ShouldStartWith("CAS-");
        }

        var proposal = await app.WithDbAsync(ctx => ctx.Set<SanctionProposal>().SingleAsync(p => p.AgencyId == agency.Id));
        proposal.Status.ShouldBe(ProposalStatus.Open);
        proposal.CaseCount.ShouldBeGreaterThanOrEqualTo(3);
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.GetAsync($"/agencies/{agency.LicenceNumber}")).TextAsync()).ShouldContain("Waiting for a decision");
        var noReason = await (await officer.PostFormAsync("/cases/proposals", new Dictionary<string, string> { ["ProposalId"] = proposal.Id.ToString(), ["Decision"] = "InspectionOrdered" })).TextAsync();
        noReason.ShouldContain("Give the reasons for the decision");
        (await officer.PostFormAsync("/cases/proposals", new Dictionary<string, string> { ["ProposalId"] = proposal.Id.ToString(), ["Decision"] = "InspectionOrdered", ["Note"] = "Unannounced inspection next week." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var decided = await app.WithDbAsync(ctx => ctx.Set<SanctionProposal>().SingleAsync(p => p.Id == proposal.Id));
        decided.Status.ShouldBe(ProposalStatus.InspectionOrdered);
        decided.DecidedById.ShouldNotBeNull();
        // The licence itself is untouched: only officers sanction, through licensing.
        (await app.WithDbAsync(ctx => ctx.Set<Agency>().SingleAsync(a => a.Id == agency.Id))).LicenceStatus.ShouldBe(agency.LicenceStatus);
        // The migrant cannot reach staff pages, and agencies cannot see proposals.
        var agencyStaff = app.EnglishBrowser();
        await agencyStaff.SignInStaffAsync(DemoAccounts.AgencyEmail);
        (await agencyStaff.GetAsync("/cases/proposals")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agencyStaff.GetAsync("/cases")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_case_file_keeps_notes_tasks_and_contacts_and_a_supervisor_reprioritises_grants_and_transfers(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var lead = app.EnglishBrowser();
        await lead.SignInStaffAsync(DemoAccounts.ConsularLeadEmail);
        var opened = await lead.PostMultipartAsync("/cases/new", Report(Guid.NewGuid(), "A caller says the employer replaced the contract on arrival."));
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.TextAsync());
        var page = opened.Headers.Location!.ToString();
        var c = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(x => x.Reference == page.Substring("/cases/".Length)));
        c.Channel.ShouldBe(CaseChannel.Consular);
        c.FirstContactAt.ShouldNotBeNull();

        // A task with a due date, then done; a bad date is explained and nothing is added.
        var badDate = await (await lead.PostFormAsync(page, new Dictionary<string, string> { ["Entry.Kind"] = "Task", ["Entry.Text"] = "Call the employer", ["Entry.Due"] = "next week" }, $"{page}?handler=Entry")).TextAsync();
        badDate.ShouldContain("Enter the due date as year-month-day");
        (await lead.PostFormAsync(page, new Dictionary<string, string> { ["Entry.Kind"] = "Task", ["Entry.Text"] = "Call the employer", ["Entry.Due"] = "2026-12-31" }, $"{page}?handler=Entry"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var task = await app.WithDbAsync(ctx => ctx.Set<CaseEvent>().SingleAsync(e => e.CaseId == c.Id && e.Kind == CaseEventKind.Task));
        task.DueOn.ShouldBe(new DateOnly(2026, 12, 31));
        task.TextCipher.ShouldNotBeNull();
        task.TextCipher!.ShouldNotContain("employer");
        (await lead.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=TaskDone&task={task.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await lead.GetAsync(page)).TextAsync()).ShouldContain("Task done");

        // A document from the case worker, checked like the reporter's.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        (await lead.PostMultipartAsync(page, [], ("Attachment", "receipt.png", png), $"{page}?handler=Attach")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refusedArchive = await (await lead.PostMultipartAsync(page, [], ("Attachment", "all.zip", [0x50, 0x4B, 0x03, 0x04]), $"{page}?handler=Attach")).TextAsync();
        refusedArchive.ShouldContain("Archives (ZIP, RAR, 7z and similar) cannot be attached");
        (await app.WithDbAsync(ctx => ctx.Set<CaseAttachment>().CountAsync(a => a.CaseId == c.Id && a.ContentType == "image/png" && !a.FromReporter))).ShouldBe(1);
        (await (await lead.GetAsync(page)).TextAsync()).ShouldContain("receipt.png");

        // A priority override needs a reason, and moves the deadlines with it.
        var noReason = await (await lead.PostFormAsync(page, new Dictionary<string, string> { ["Priority"] = "Urgent" }, $"{page}?handler=Priority")).TextAsync();
        noReason.ShouldContain("Give the reason");
        (await lead.PostFormAsync(page, new Dictionary<string, string> { ["Priority"] = "Urgent", ["Note"] = "The worker is pregnant." }, $"{page}?handler=Priority")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var urgent = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(x => x.Id == c.Id));
        urgent.Priority.ShouldBe(CasePriority.Urgent);
        urgent.ComputedPriority.ShouldBe(CasePriority.Normal);
        (urgent.FirstContactDueAt - urgent.OpenedAt).ShouldBe(TimeSpan.FromHours(24));

        // First contact was made at the consulate, but 15 days on the urgent case is unresolved: escalated once, for resolution.
        for (var run = 0; run < 2; run++)
        {
            await Job(app, urgent.OpenedAt.AddDays(15), async (sp, clock) =>
            {
                await ActivatorUtilities.CreateInstance<SlaJob>(sp, clock).RunAsync(CancellationToken.None);
                return 0;
            });
        }

        var escalations = await app.WithDbAsync(ctx => ctx.Set<CaseEvent>().Where(e => e.CaseId == c.Id && e.Kind == CaseEventKind.Escalated).Select(e => e.Detail).ToListAsync());
        escalations.ShouldBe(["Resolution"]);

        // The supervisor grants the consul the file; the consul can open it without being assigned.
        var consulId = await app.WithDbAsync(ctx => ctx.Users.Where(u => u.Email == DemoAccounts.ConsularEmail).Select(u => u.Id).SingleAsync());
        var consul = app.EnglishBrowser();
        await consul.SignInStaffAsync(DemoAccounts.ConsularEmail);
        (await lead.PostFormAsync(page, new Dictionary<string, string> { ["TargetId"] = consulId.ToString() }, $"{page}?handler=Grant")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await consul.GetAsync(page)).TextAsync()).ShouldContain("replaced the contract on arrival");

        // Transferred to the home legal-aid team: out of the Moscow queue and into theirs, unassigned.
        var legalAid = await app.WithDbAsync(ctx => ctx.Set<CaseTeam>().SingleAsync(t => t.Kind == TeamKind.LegalAid));
        (await lead.PostFormAsync(page, new Dictionary<string, string> { ["TargetId"] = legalAid.Id.ToString(), ["Note"] = "Needs a lawyer at home." }, $"{page}?handler=Transfer"))
            .Headers.Location!.ToString().ShouldBe("/cases");
        var moved = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(x => x.Id == c.Id));
        moved.TeamId.ShouldBe(legalAid.Id);
        moved.AssigneeId.ShouldBeNull();
        var officer = app.EnglishBrowser();
        await officer.SignInStaffAsync(DemoAccounts.OfficerEmail);
        (await (await officer.GetAsync("/cases?team=" + legalAid.Id)).TextAsync()).ShouldContain(c.Reference);
        (await (await officer.GetAsync(page)).TextAsync()).ShouldContain("replaced the contract on arrival");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_administrator_sets_up_a_consulate_team_and_a_case_from_that_city_lands_in_its_queue(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var admin = app.EnglishBrowser();
        await admin.SignInStaffAsync(DemoAccounts.AdminEmail);
        var empty = await (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string>(), "/admin/case-teams?handler=Create")).TextAsync();
        empty.ShouldContain("Enter the team's name");
        empty.ShouldContain("Choose the kind of team");
        empty.ShouldContain("Choose the country");
        var city = "Istanbul" + Guid.NewGuid().ToString("N")[..4];
        (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string> { ["Name"] = "Consulate General in " + city, ["Kind"] = "Consulate", ["Country"] = "TR", ["City"] = city }, "/admin/case-teams?handler=Create"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var team = await app.WithDbAsync(ctx => ctx.Set<CaseTeam>().SingleAsync(t => t.City == city));

        // Only staff who work cases can join; agency staff cannot.
        var refused = await (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string> { ["Email"] = DemoAccounts.AgencyEmail }, $"/admin/case-teams?handler=Add&team={team.Id}")).TextAsync();
        refused.ShouldContain("No consular officer, hotline operator or ministry officer has this email address");
        (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string> { ["Email"] = DemoAccounts.ConsularEmail.ToUpperInvariant(), ["Supervisor"] = "yes" }, $"/admin/case-teams?handler=Add&team={team.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string> { ["Email"] = DemoAccounts.ConsularEmail }, $"/admin/case-teams?handler=Add&team={team.Id}")).TextAsync();
        again.ShouldContain("already a member");

        // A tip from that city goes to the new consulate, whose supervisor can open it.
        var key = Guid.NewGuid();
        var fields = Report(key, "Workers at a textile workshop are not paid.");
        fields.RemoveAll(f => f.Key is "Form.Country" or "Form.City");
        fields.Add(new("Form.Country", "TR"));
        fields.Add(new("Form.City", city));
        (await (await app.EnglishBrowser().PostMultipartAsync("/report", fields)).TextAsync()).ShouldContain("Your tracking code");
        var tip = await app.WithDbAsync(ctx => ctx.Set<LegalCase>().SingleAsync(c => c.SubmissionKey == key));
        tip.TeamId.ShouldBe(team.Id);
        var consul = app.EnglishBrowser();
        await consul.SignInStaffAsync(DemoAccounts.ConsularEmail);
        (await (await consul.GetAsync($"/cases/{tip.Reference}")).TextAsync()).ShouldContain("textile workshop");

        // The last supervisor of a team with open cases stays until another is added.
        var consulId = await app.WithDbAsync(ctx => ctx.Users.Where(u => u.Email == DemoAccounts.ConsularEmail).Select(u => u.Id).SingleAsync());
        var kept = await (await admin.PostFormAsync("/admin/case-teams", new Dictionary<string, string>(), $"/admin/case-teams?handler=Remove&team={team.Id}&user={consulId}")).TextAsync();
        kept.ShouldContain("needs a supervisor");
        (await app.WithDbAsync(ctx => ctx.Set<CaseTeamMember>().CountAsync(m => m.TeamId == team.Id))).ShouldBe(1);
        (await consul.GetAsync("/admin/case-teams")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
