using System.Net;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Messaging;

/// <summary>
/// The node's outbox over real channels: an HTTP SMS gateway on a loopback port and a real SMTP server, in Staging so
/// the development sink is nowhere near. Delivery, retry after a failure, and the parked state, on both databases.
/// </summary>
public sealed partial class OutboxTests
{
    private const string Phone = "+998901112233";

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();

    private static CaravanApp Node(DatabaseProvider provider, GatewayStub? gateway = null, SmtpTestServer? smtp = null, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Messaging:QuickRetries"] = "0",
            ["Messaging:FirstBackoff"] = "00:00:00",
        };
        if (gateway is not null)
        {
            settings["Messaging:Sms:Provider"] = "Http";
            settings["Messaging:Sms:Url"] = new Uri(gateway.Url, "sms/send").ToString();
            settings["Messaging:Sms:AuthHeader"] = "Authorization";
            settings["Messaging:Sms:AuthValue"] = "Bearer gateway-secret";
            settings["Messaging:Sms:From"] = "CARAVAN";
        }

        if (smtp is not null)
        {
            settings["Messaging:Email:Provider"] = "Smtp";
            settings["Messaging:Email:Host"] = "127.0.0.1";
            settings["Messaging:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Messaging:Email:Security"] = "None";
            settings["Messaging:Email:From"] = "no-reply@caravan.example";
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The messaging settings shape no data: each test's database is a copy of one Staging node with the demo data.
        return new CaravanApp(provider, settings, environment: "Staging", seedSettings: ["Demo:Enabled"]);
    }

    private static HttpClient Https(CaravanApp app)
    {
        var client = app.Browser();
        client.BaseAddress = new Uri("https://localhost");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_migrant_gets_the_one_time_code_through_the_http_gateway_and_signs_in(DatabaseProvider provider)
    {
        await using var gateway = await GatewayStub.StartAsync();
        await using var app = Node(provider, gateway);
        var client = Https(app);

        (await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = Phone })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var sent = gateway.Requests.ShouldHaveSingleItem();
        sent.Method.ShouldBe("POST");
        sent.Path.ShouldBe("/sms/send");
        sent.Headers["Authorization"].ShouldBe("Bearer gateway-secret");
        var body = System.Text.Json.JsonDocument.Parse(sent.Body).RootElement;
        body.GetProperty("to").GetString().ShouldBe(Phone);
        body.GetProperty("from").GetString().ShouldBe("CARAVAN");
        var code = Code().Match(body.GetProperty("text").GetString()!).Value;
        code.ShouldNotBeNullOrEmpty();

        var signedIn = await client.PostFormAsync("/account/code", new Dictionary<string, string> { ["Code"] = code });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldNotContain("/account/code");

        var stored = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Template == "Sms.Code"));
        stored.Status.ShouldBe(MessageStatus.Sent);
        stored.Security.ShouldBeTrue();
        stored.RecipientHint.ShouldBe("+998*******33");
        // Neither the number nor the code is readable from the database.
        stored.BodyCipher.ShouldNotContain(code);
        stored.RecipientCipher.ShouldNotContain("901112233");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_gateway_that_answers_500_leaves_the_code_in_the_outbox_and_the_job_sends_it_later(DatabaseProvider provider)
    {
        await using var gateway = await GatewayStub.StartAsync();
        gateway.Then((500, """{"error":"maintenance"}"""));
        await using var app = Node(provider, gateway);
        var client = Https(app);

        // The person is not shown an error page: the code waits and goes out as soon as the gateway is back.
        (await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = Phone })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var waiting = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync());
        waiting.Status.ShouldBe(MessageStatus.Pending);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError.ShouldNotBeNull().ShouldContain("500");
        waiting.LastError.ShouldNotContain(Phone);

        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OutboxJob>().RunAsync(); return 0; });

        var sent = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync());
        sent.Status.ShouldBe(MessageStatus.Sent);
        sent.Attempts.ShouldBe(2);
        gateway.Requests.Count.ShouldBe(2);
        gateway.Requests[0].Body.ShouldBe(gateway.Requests[1].Body);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_message_that_keeps_failing_is_parked_and_an_administrator_retries_it(DatabaseProvider provider)
    {
        await using var gateway = await GatewayStub.StartAsync();
        gateway.Default = (503, "busy");
        await using var app = Node(provider, gateway, more: new Dictionary<string, string?> { ["Messaging:MaxAttempts"] = "2" });
        var client = Https(app);
        await client.PostFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = Phone });
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OutboxJob>().RunAsync(); return 0; });

        var parked = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync());
        parked.Status.ShouldBe(MessageStatus.Parked);
        parked.Attempts.ShouldBe(2);
        // The job leaves a parked message alone.
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OutboxJob>().RunAsync(); return 0; });
        gateway.Requests.Count.ShouldBe(2);

        var admin = Https(app);
        (await admin.SignInStaffAsync(DemoAccounts.AdminEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await (await admin.GetAsync("/admin/messages?status=Parked")).TextAsync();
        list.ShouldContain("+998*******33");
        list.ShouldContain("503");
        list.ShouldNotContain(Phone);

        gateway.Default = (200, "{}");
        var retried = await admin.PostFormAsync("/admin/messages?status=Parked", new Dictionary<string, string>(), $"/admin/messages?handler=Retry&id={parked.Id}");
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.TextAsync()).ShouldContain("The message was sent.");
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync())).Status.ShouldBe(MessageStatus.Sent);

        // Retrying a sent message changes nothing and says so.
        var again = await admin.PostFormAsync("/admin/messages", new Dictionary<string, string>(), $"/admin/messages?handler=Retry&id={parked.Id}");
        (await again.TextAsync()).ShouldContain("cannot be retried");
        gateway.Requests.Count.ShouldBe(3);

        // The retry is audited like every other write.
        (await app.WithDbAsync(db => db.Set<Caravan.Core.Audit.AuditEntry>()
            .CountAsync(a => a.EntityType == nameof(OutboxMessage) && a.EntityId == parked.Id.ToString() && a.ActorRole == Caravan.Core.Identity.Roles.Admin))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task E_mail_goes_through_a_real_smtp_server_and_a_refusal_is_parked(DatabaseProvider provider)
    {
        using var smtp = new SmtpTestServer();
        await using var app = Node(provider, smtp: smtp);

        var sent = await app.WithScopeAsync(sp => sp.GetRequiredService<Outbox>().SendAsync(
            new MessageDraft(MessageChannel.Email, "officer@ministry.example", "Email.Invitation", "en", "Your link: https://node.example/x", Security: true, Subject: "Your Caravan account")));
        smtp.Received.ShouldHaveSingleItem().Subject.ShouldBe("Your Caravan account");
        smtp.Received[0].To.Mailboxes.Single().Address.ShouldBe("officer@ministry.example");
        smtp.Received[0].TextBody.ShouldNotBeNull().ShouldContain("https://node.example/x");
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Id == sent!.Id))).Status.ShouldBe(MessageStatus.Sent);

        smtp.Refuse = true;
        var refused = await app.WithScopeAsync(sp => sp.GetRequiredService<Outbox>().SendAsync(
            new MessageDraft(MessageChannel.Email, "officer@ministry.example", "Email.Invitation", "en", "Second", Security: true, Subject: "Again")));
        var parked = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Id == refused!.Id));
        parked.Status.ShouldBe(MessageStatus.Parked);
        parked.LastError.ShouldNotBeNull().ShouldContain("refused");
        parked.LastError.ShouldNotContain("officer@ministry.example");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_unreachable_mail_server_leaves_the_message_waiting_with_the_reason(DatabaseProvider provider)
    {
        var closedPort = GatewayStub.FreePort();
        await using var app = Node(provider, more: new Dictionary<string, string?>
        {
            ["Messaging:Email:Provider"] = "Smtp",
            ["Messaging:Email:Host"] = "127.0.0.1",
            ["Messaging:Email:Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Email:Security"] = "None",
            ["Messaging:FirstBackoff"] = "00:10:00",
        });
        var message = await app.WithScopeAsync(sp => sp.GetRequiredService<Outbox>().SendAsync(
            new MessageDraft(MessageChannel.Email, "someone@example.org", "Email.Invitation", "en", "Body", Security: true, Subject: "S")));
        var waiting = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Id == message!.Id));
        waiting.Status.ShouldBe(MessageStatus.Pending);
        waiting.LastError.ShouldNotBeNull().ShouldContain("could not be reached");
        waiting.NextAttemptAt.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(9));
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Service_messages_respect_an_opt_out_but_security_messages_do_not(DatabaseProvider provider)
    {
        await using var gateway = await GatewayStub.StartAsync();
        await using var app = Node(provider, gateway);
        await app.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            await outbox.SetOptOutAsync(MessageChannel.Sms, "+998 90 111-22-33", optOut: true);
            (await outbox.SendAsync(new MessageDraft(MessageChannel.Sms, Phone, "Cases.Sms.NewMessage", "en", "You have a new message", Security: false))).ShouldBeNull();
            (await outbox.SendAsync(new MessageDraft(MessageChannel.Sms, Phone, "Sms.Code", "en", "Code 123456", Security: true))).ShouldNotBeNull();
            await outbox.SetOptOutAsync(MessageChannel.Sms, Phone, optOut: false);
            (await outbox.SendAsync(new MessageDraft(MessageChannel.Sms, Phone, "Cases.Sms.NewMessage", "en", "You have a new message", Security: false))).ShouldNotBeNull();
            return 0;
        });
        gateway.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString())
            .ShouldBe(["Code 123456", "You have a new message"]);
    }
}
