using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Npgsql;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// Two replicas of one node, as a ministry runs them behind a load balancer: two app processes on loopback, one
/// PostgreSQL database and one shared key folder (encrypted at rest with a certificate) between them. A person's
/// requests land on either replica at random, so every step here alternates between them. PostgreSQL only: a SQLite
/// node is one process by design (ADR 0004), so "two replicas" has no SQLite form to test.
/// </summary>
public sealed partial class ReplicaTests
{
    private const string Password = "Replica-Admin-2026!";

    [GeneratedRegex(@"http://\S+/account/invitation/[0-9a-f-]+\?token=\S+")]
    private static partial Regex Link();

    [GeneratedRegex("id=\"shared-key\"[^>]*>([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"Stamp\" value=\"([^\"]+)\"")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();

    [Fact]
    public async Task Two_replicas_on_one_PostgreSQL_share_sign_in_forms_and_keys_run_each_job_once_and_refuse_a_stale_edit()
    {
        var dir = Directory.CreateTempSubdirectory("caravan-replicas-");
        await using var gateway = await GatewayStub.StartAsync();
        using var smtp = new SmtpTestServer();
        var connectionString = CaravanApp.NewDatabase(DatabaseProvider.Postgres);
        var a = new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/");
        var b = new Uri($"http://127.0.0.1:{GatewayStub.FreePort()}/");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Caravan"] = connectionString,
            ["DataProtection__KeysPath"] = Path.Combine(dir.FullName, "shared", "keys"),
            ["DataProtection__CertificatePath"] = CreateCertificate(dir),
            ["DataProtection__CertificatePassword"] = "replica-test",
            ["Documents__Path"] = Path.Combine(dir.FullName, "shared", "documents"),
            ["Node__PublicUrl"] = a.ToString(),
            ["Messaging__Sms__Provider"] = "Http",
            ["Messaging__Sms__Url"] = new Uri(gateway.Url, "send").ToString(),
            ["Messaging__Email__Provider"] = "Smtp",
            ["Messaging__Email__Host"] = "127.0.0.1",
            ["Messaging__Email__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging__Email__Security"] = "None",
            ["Messaging__Email__From"] = "caravan@mehnat.uz",
            ["Messaging__QuickRetries"] = "0",
            ["Messaging__FirstBackoff"] = "00:00:01",
            // Every 5 seconds rather than every minute, so that several runs fall inside the test (Hangfire reads
            // six-field cron expressions as seconds first).
            ["Jobs__OutboxCron"] = "*/5 * * * * *",
            ["Jobs__PollingInterval"] = "00:00:01",
        };

        var migrated = await NodeProcess.RunAsync(env, "migrate");
        migrated.ExitCode.ShouldBe(0, migrated.Output);
        var created = await NodeProcess.RunAsync(env, "create-admin", "admin@mehnat.uz");
        created.ExitCode.ShouldBe(0, created.Output);
        var link = new Uri(Link().Match(created.Output).Value);

        await using var replicaA = NodeProcess.Start(env, "--urls", a.ToString());
        await using var replicaB = NodeProcess.Start(env, "--urls", b.ToString());
        await replicaA.WaitUntilServingAsync(a);
        await replicaB.WaitUntilServingAsync(b);
        (await ScalarAsync(connectionString, "select count(*) from hangfire.server")).ShouldBe(2);

        // One browser, one cookie jar: the form comes from A, the post goes to B, and the next page to A again.
        using var admin = Browser();
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        var accepted = await PostAsync(admin, new Uri(a, link.PathAndQuery), new Uri(b, link.PathAndQuery),
            [new("Password", Password), new("ConfirmPassword", Password), new("Token", token)]);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, "B refused A's antiforgery token");
        var setup = await admin.GetAsync(new Uri(a, "/account/manage/two-factor?required=true"));
        setup.StatusCode.ShouldBe(HttpStatusCode.OK, "A refused B's sign-in cookie");
        var key = SharedKey().Match(await setup.TextAsync()).Groups[1].Value;
        (await PostAsync(admin, new Uri(a, "/account/manage/two-factor?required=true"), new Uri(b, "/account/manage/two-factor?handler=Enable"),
            [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync(new Uri(a, "/admin/users"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync(new Uri(b, "/admin/users"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An invitation made on B goes out once, through the SMTP server.
        var invited = await PostAsync(admin, new Uri(b, "/admin/users/invite"), new Uri(b, "/admin/users/invite"),
            [new("Email", "malika.yusupova@mehnat.uz"), new("DisplayName", "Malika Yusupova"), new("Access.CountryCode", "UZ"), new("Access.Roles", "Officer")]);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = invited.Headers.Location!.OriginalString;
        // Sent during the request; on a loaded machine the send can time out, and then the outbox job (every 5 s here)
        // retries it: either way it arrives, and only once.
        for (var waited = 0; smtp.Received.Count == 0 && waited < 60; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var mail = smtp.Received.ShouldHaveSingleItem();
        mail.To.Mailboxes.Single().Address.ShouldBe("malika.yusupova@mehnat.uz");

        // The officer follows the mailed link on A, sets two-step sign-in up on B, and works on either.
        using var officer = Browser();
        var invitation = new Uri(Link().Match(mail.TextBody!).Value);
        (await PostAsync(officer, invitation, new Uri(b, invitation.PathAndQuery),
            [new("Password", "Officer-Replica-2026!"), new("ConfirmPassword", "Officer-Replica-2026!"), new("Token", Uri.UnescapeDataString(invitation.Query.Split("token=")[1]))]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var officerKey = SharedKey().Match(await officer.GetStringAsync(new Uri(b, "/account/manage/two-factor?required=true"))).Groups[1].Value;
        (await PostAsync(officer, new Uri(a, "/account/manage/two-factor?required=true"), new Uri(a, "/account/manage/two-factor?handler=Enable"),
            [new("Code", Totp.Code(officerKey, DateTimeOffset.UtcNow))])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetAsync(new Uri(b, "/officer/persons"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.GetAsync(new Uri(a, "/officer/persons"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Two tabs on one account, one served by each replica: the later save is refused, not merged.
        var onA = await admin.GetStringAsync(new Uri(a, account));
        var onB = await admin.GetStringAsync(new Uri(b, account));
        (await SubmitAsync(admin, new Uri(a, account + "?handler=Access"), onA,
            [new("Access.Roles", "Officer"), new("Access.Roles", "Analyst"), new("Access.CountryCode", "UZ")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await SubmitAsync(admin, new Uri(b, account + "?handler=Access"), onB,
            [new("Access.Roles", "HotlineOperator"), new("Access.CountryCode", "UZ")]);
        (await stale.TextAsync()).ShouldContain("Someone else changed this account");
        (await admin.GetStringAsync(new Uri(b, account))).ShouldContain("Analyst");

        // A migrant asks for a code on A while the gateway is down; the code waits in the outbox, the jobs of both
        // replicas retry it, it arrives once, and B accepts it.
        gateway.Then((500, "down"));
        using var migrant = Browser();
        (await PostAsync(migrant, new Uri(a, "/account/phone"), new Uri(a, "/account/phone"), [new("Phone", "+998901112233")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Usually sent during the request; but an outbox run on either replica can claim the new message between its
        // save and the request's own attempt (then the request leaves it to that run), so wait for the first try.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (gateway.Requests.Count < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        gateway.Requests.Count.ShouldBeGreaterThanOrEqualTo(1, "the code was never tried: " + replicaA.Output + replicaB.Output);
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (gateway.Requests.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        // Let both replicas' schedulers pass a few more occurrences, so that a run made twice would show.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var sms = gateway.Requests;
        sms.Count.ShouldBe(2, "the waiting code was sent once, after the failure: " + replicaA.Output + replicaB.Output);
        var code = Code().Match(sms[1].Body).Value;
        sms[0].Body.ShouldContain(code);
        (await PostAsync(migrant, new Uri(b, "/account/code"), new Uri(b, "/account/code"), [new("Code", code)]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Each occurrence of the outbox schedule was made into one job across both replicas, and each job ran once.
        const string Outbox = "from hangfire.job j join hangfire.jobparameter r on r.jobid = j.id and r.name = 'RecurringJobId' and r.value like '%outbox-delivery%'";
        var runs = await ScalarAsync(connectionString, "select count(*) " + Outbox);
        runs.ShouldBeGreaterThanOrEqualTo(3);
        (await ScalarAsync(connectionString, "select count(distinct t.value) " + Outbox + " join hangfire.jobparameter t on t.jobid = j.id and t.name = 'Time'"))
            .ShouldBe(runs);
        (await ScalarAsync(connectionString, "select count(*) " + Outbox + " join hangfire.state s on s.jobid = j.id and s.name = 'Processing'"))
            .ShouldBe(runs);

        replicaA.Output.ShouldNotContain(code);
        replicaB.Output.ShouldNotContain(code);
        dir.Delete(recursive: true);
    }

    private static HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary>GETs a form on one replica and posts it, with that page's antiforgery token, to the other.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri formPage, Uri postTo, List<KeyValuePair<string, string>> fields) =>
        await SubmitAsync(client, postTo, await client.GetStringAsync(formPage), fields);

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, Uri postTo, string page, List<KeyValuePair<string, string>> fields)
    {
        var token = Antiforgery().Match(page);
        token.Success.ShouldBeTrue("no antiforgery token in the form page");
        fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        var stamp = Stamp().Match(page);
        if (stamp.Success)
        {
            fields.Add(new("Stamp", WebUtility.HtmlDecode(stamp.Groups[1].Value)));
        }

        return await client.PostAsync(postTo, new FormUrlEncodedContent(fields));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string CreateCertificate(DirectoryInfo dir)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Caravan replica test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(dir.FullName, "keyring.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "replica-test"));
        return pfx;
    }
}
