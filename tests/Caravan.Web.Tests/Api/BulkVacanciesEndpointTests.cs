using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Vacancies;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Api;

public class BulkVacanciesEndpointTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Url = "/api/v1/agency/vacancies/bulk";

    private static string Deadline => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A client holding an API key of the second demo agency (Samarkand Labour Bridge: KZ and KR).</summary>
    private static async Task<HttpClient> AgencyKeyClientAsync(CaravanApp app)
    {
        var secret = await app.WithScopeAsync(async sp =>
        {
            var agency = await sp.GetRequiredService<CaravanDbContext>().Set<Agency>().SingleAsync(a => a.Name == "Samarkand Labour Bridge LLC");
            return (await sp.GetRequiredService<ApiKeyService>().CreateAsync("bulk test", agency.Id, null, null)).Secret;
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static object Row(string reference, string iscoCode = "7212", object[]? costs = null, string wage = "2400000") => new
    {
        agencyReference = reference,
        employerRegistrationId = "KR-124-81-00998",
        iscoCode,
        title = "Welder " + reference,
        description = "Welding of steel frames in a car parts plant; wages paid monthly.",
        textLanguage = "en",
        destinationCountry = "KR",
        city = "Ansan",
        positions = 5,
        monthlyWage = decimal.Parse(wage, CultureInfo.InvariantCulture),
        wageCurrency = "KRW",
        hoursPerWeek = 48,
        contractMonths = 34,
        applicationDeadline = Deadline,
        costs = costs ?? [],
        translations = new[] { new { language = "ru", title = "Сварщик " + reference, description = "Сварка стальных рам на заводе; зарплата ежемесячно." } },
    };

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Json_rows_are_kept_or_reported_one_by_one_and_a_repeat_creates_no_copies(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        object[] body =
        [
            Row($"{tag}-1"),
            Row($"{tag}-2", iscoCode: "99"),
            Row($"{tag}-3", costs: [new { item = "Recruitment fee", amount = 200, currency = "USD" }]),
            Row($"{tag}-4", wage: "900000"),
        ];
        var response = await client.PostAsJsonAsync(Url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<BulkResult>())!;
        result.Received.ShouldBe(4);
        result.Submitted.ShouldBe(1);
        result.Rejected.ShouldBe(3);
        result.Rows[0].Status.ShouldBe("submitted");
        ReferenceCode.IsValid(result.Rows[0].Reference, VacancyCommands.ReferencePrefix).ShouldBeTrue();
        result.Rows[1].ShouldSatisfyAllConditions(
            r => r.Row.ShouldBe(2),
            r => r.Errors.ShouldContain(e => e.Field == "iscoCode" && e.Message.StartsWith("Enter a 4-digit ISCO-08", StringComparison.Ordinal)));
        result.Rows[2].Errors.ShouldContain(e => e.Field == "costs" && e.Message.Contains("Workers must not pay any fee", StringComparison.Ordinal));
        result.Rows[3].Errors.ShouldContain(e => e.Field == "monthlyWage" && e.Message.Contains("below the legal minimum wage", StringComparison.Ordinal));

        var saved = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Include(v => v.Translations)
            .Where(v => v.AgencyReference!.StartsWith(tag)).ToListAsync());
        saved.Count.ShouldBe(1);
        saved[0].Status.ShouldBe(VacancyStatus.PendingApproval);
        saved[0].Translations.ShouldHaveSingleItem().Language.ShouldBe("ru");

        var again = (await (await client.PostAsJsonAsync(Url, body)).Content.ReadFromJsonAsync<BulkResult>())!;
        again.Submitted.ShouldBe(0);
        again.Duplicates.ShouldBe(1);
        again.Rows[0].Reference.ShouldBe(result.Rows[0].Reference);
        (await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.AgencyReference!.StartsWith(tag)))).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_large_mixed_batch_reports_each_row_at_its_own_number_and_keeps_each_valid_row_as_its_own_vacancy(DatabaseProvider db)
    {
        // 1,200 rows, one in seven below the minimum wage and one in eleven charging a fee.
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var body = Enumerable.Range(1, 1200).Select(i => i % 7 == 0 ? Row($"{tag}-{i}", wage: "900000")
            : i % 11 == 0 ? Row($"{tag}-{i}", costs: [new { item = "Recruitment fee", amount = 200, currency = "USD" }])
            : Row($"{tag}-{i}")).ToArray();
        var result = (await (await client.PostAsJsonAsync(Url, body)).Content.ReadFromJsonAsync<BulkResult>())!;
        var blocked = Enumerable.Range(1, 1200).Where(i => i % 7 == 0 || i % 11 == 0).ToHashSet();
        result.Received.ShouldBe(1200);
        result.Rejected.ShouldBe(blocked.Count);
        result.Submitted.ShouldBe(1200 - blocked.Count);
        foreach (var row in result.Rows)
        {
            row.Status.ShouldBe(blocked.Contains(row.Row) ? "rejected" : "submitted", $"row {row.Row}");
            if (row.Row % 7 == 0)
            {
                row.Errors.ShouldContain(e => e.Field == "monthlyWage", $"row {row.Row}");
            }
            else if (row.Row % 11 == 0)
            {
                row.Errors.ShouldContain(e => e.Field == "costs", $"row {row.Row}");
            }
        }

        // Each kept row is the vacancy of its own input, by the agency's reference, with its own reference code.
        var saved = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().Where(v => v.AgencyReference!.StartsWith(tag + "-"))
            .Select(v => new { v.AgencyReference, v.Reference, v.Title }).ToListAsync());
        saved.Count.ShouldBe(1200 - blocked.Count);
        saved.ShouldAllBe(v => v.Title == "Welder " + v.AgencyReference);
        var byReference = saved.ToDictionary(v => v.Reference, v => v.AgencyReference);
        foreach (var row in result.Rows.Where(r => r.Status == "submitted"))
        {
            byReference[row.Reference!].ShouldBe($"{tag}-{row.Row}");
        }
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Bulk_rows_are_written_whole_and_audited_field_by_field_like_a_form(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var before = DateTime.UtcNow.AddSeconds(-5);
        var result = (await (await client.PostAsJsonAsync(Url, new[] { Row($"{tag}-1"), Row($"{tag}-2") })).Content.ReadFromJsonAsync<BulkResult>())!;
        result.Submitted.ShouldBe(2);
        result.Rows[0].Reference.ShouldNotBe(result.Rows[1].Reference);

        var saved = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().AsNoTracking().Include(v => v.Translations).Include(v => v.Employer)
            .SingleAsync(v => v.AgencyReference == $"{tag}-1"));
        saved.ShouldSatisfyAllConditions(
            v => v.Reference.ShouldBe(result.Rows[0].Reference),
            v => v.Title.ShouldBe($"Welder {tag}-1"),
            v => v.WageAmount.ShouldBe(2_400_000m),
            v => v.WageCurrency.ShouldBe("KRW"),
            v => v.WageUsdCents.ShouldNotBeNull(),
            v => v.ApplicationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).ShouldBe(Deadline),
            v => v.Employer!.RegistrationId.ShouldBe("KR-124-81-00998"),
            v => v.Status.ShouldBe(VacancyStatus.PendingApproval),
            v => v.SubmittedAt!.Value.ShouldBeGreaterThan(before),
            v => v.Version.ShouldNotBe(Guid.Empty),
            v => v.FeeFree.ShouldBeTrue(),
            v => v.SearchKey.Split(' ').ShouldContain("kr_сварщик"),
            v => v.SearchKey.Split(' ').ShouldContain("kr_i7212"));

        var trail = await app.WithDbAsync(ctx => ctx.Set<Caravan.Core.Audit.AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == saved.Id.ToString() || e.EntityId == saved.Id + "|ru").ToListAsync());
        var created = trail.Where(e => e.EntityType == nameof(Vacancy)).ShouldHaveSingleItem();
        created.ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe(Caravan.Core.Audit.AuditAction.Create),
            e => e.ActorKind.ShouldBe("api"));
        using var changes = System.Text.Json.JsonDocument.Parse(created.Changes);
        var fields = changes.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        // Every mapped column is in the entry, as SaveChanges writes it for a form, but the search key made from them.
        var columns = await app.WithDbAsync(ctx => Task.FromResult(ctx.Model.FindEntityType(typeof(Vacancy))!.GetProperties()
            .Select(p => p.Name).Where(n => n != nameof(Vacancy.SearchKey)).ToList()));
        fields.ShouldBe(columns, ignoreOrder: true);
        changes.RootElement.GetProperty("Title").GetProperty("to").GetString().ShouldBe($"Welder {tag}-1");
        changes.RootElement.GetProperty("Status").GetProperty("to").GetString().ShouldBe("PendingApproval");
        trail.ShouldContain(e => e.EntityType == nameof(VacancyTranslation) && e.Action == Caravan.Core.Audit.AuditAction.Create);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Csv_rows_report_unreadable_numbers_by_row_and_field(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder()
            .AppendLine("agency_reference,employer_registration_id,isco_code,title,description,text_language,destination_country,city,positions,monthly_wage,wage_currency,hours_per_week,contract_months,housing_provided,application_deadline,title_ru,description_ru")
            .AppendLine(CultureInfo.InvariantCulture, $"{tag}-a,KR-124-81-00998,8211,Assembly worker,\"Assembly of engine parts on a production line, monthly wages.\",en,KR,Hwaseong,10,2300000,KRW,48,34,yes,{Deadline},Сборщик,\"Сборка деталей двигателя на конвейере, зарплата ежемесячно.\"")
            .AppendLine(CultureInfo.InvariantCulture, $"{tag}-b,KR-124-81-00998,8211,Assembly worker,\"Assembly of engine parts on a production line, monthly wages.\",en,KR,Hwaseong,many,2300000,KRW,48,34,no,{Deadline},,")
            .ToString();
        var response = await client.PostAsync(Url, new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<BulkResult>())!;
        result.Submitted.ShouldBe(1);
        result.Rows[1].Row.ShouldBe(2);
        result.Rows[1].Errors.ShouldContain(e => e.Field == "positions");
        var saved = await app.WithDbAsync(ctx => ctx.Set<Vacancy>().SingleAsync(v => v.AgencyReference == tag + "-a"));
        saved.HousingProvided.ShouldBeTrue();
        saved.SearchKey.Split(' ').ShouldContain("сборка");
        saved.SearchKey.Split(' ').ShouldContain("деталей");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_agency_staff_session_cookie_is_not_a_key_the_bulk_api_accepts(DatabaseProvider db)
    {
        // The endpoint has antiforgery off for machine clients, so a signed-in browser must not be able to post to it:
        // a cross-site form would otherwise upload vacancies in the staff member's name.
        var app = fixture.Get(db);
        var staff = app.Browser();
        (await staff.SignInStaffAsync(DemoAccounts.AgencyEmail)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.GetAsync("/dashboard/agency")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var response = await staff.PostAsJsonAsync(Url, new[] { Row($"{tag}-cookie") });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var csv = await staff.PostAsync(Url, new StringContent("agencyReference,title\n" + tag + "-csv,Welder\n", Encoding.UTF8, "text/csv"));
        csv.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.WithDbAsync(ctx => ctx.Set<Vacancy>().CountAsync(v => v.AgencyReference!.StartsWith(tag)))).ShouldBe(0);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Fields_a_row_may_not_set_are_ignored_so_a_row_cannot_publish_itself_or_move_to_another_agency(DatabaseProvider db)
    {
        // ASVS 15.3.3: the body binds to a request record of the fields an agency may give, never to the entity.
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var other = await app.WithDbAsync(d => d.Set<Agency>().Where(a => a.Name != "Samarkand Labour Bridge LLC").Select(a => a.Id).FirstAsync());
        var row = System.Text.Json.JsonSerializer.SerializeToNode(Row($"{tag}-1"), System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
        row["id"] = Guid.NewGuid();
        row["reference"] = "VAC-0000001";
        row["agencyId"] = other;
        row["status"] = "Published";
        row["publishedAt"] = DateTime.UtcNow;
        row["reviewedAt"] = DateTime.UtcNow;
        row["reviewNote"] = "approved by the row itself";
        row["feeFree"] = false;
        row["wageUsdCents"] = 1;
        var response = await client.PostAsync(Url, new StringContent(new System.Text.Json.Nodes.JsonArray(row).ToJsonString(), Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<BulkResult>())!;
        result.Submitted.ShouldBe(1);

        var saved = await app.WithDbAsync(d => d.Set<Vacancy>().Include(v => v.Agency).SingleAsync(v => v.AgencyReference == $"{tag}-1"));
        saved.Status.ShouldBe(VacancyStatus.PendingApproval);
        saved.Agency!.Name.ShouldBe("Samarkand Labour Bridge LLC");
        saved.Reference.ShouldBe(result.Rows[0].Reference);
        saved.Reference.ShouldNotBe("VAC-0000001");
        saved.PublishedAt.ShouldBeNull();
        saved.ReviewedAt.ShouldBeNull();
        saved.ReviewNote.ShouldBeNull();
        saved.FeeFree.ShouldBeTrue();
        saved.WageUsdCents.ShouldNotBe(1);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Bad_requests_are_refused_whole_with_a_problem(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var client = await AgencyKeyClientAsync(app);
        (await app.CreateClient().PostAsJsonAsync(Url, new[] { Row("x") })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var broken = await client.PostAsync(Url, new StringContent("[{\"positions\": \"five\"}]", Encoding.UTF8, "application/json"));
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await broken.Content.ReadAsStringAsync()).ShouldContain("$[0].positions");
        var unknown = await client.PostAsync(Url, new StringContent("title,salary\nA,1\n", Encoding.UTF8, "text/csv"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Unknown CSV columns: salary");
        (await client.PostAsync(Url, new StringContent("<vacancies/>", Encoding.UTF8, "application/xml"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await client.PostAsJsonAsync(Url, Array.Empty<object>())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var tooMany = await client.PostAsJsonAsync(Url, Enumerable.Range(0, BulkVacanciesEndpoint.MaxRows + 1).Select(_ => new { }).ToArray());
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync()).ShouldContain("At most 10,000 vacancies per request");
        var notArray = await client.PostAsync(Url, new StringContent("{\"title\": \"Welder\"}", Encoding.UTF8, "application/json"));
        notArray.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notArray.Content.ReadAsStringAsync()).ShouldContain("The body must be a JSON array of vacancies.");
        using var huge = new StreamContent(new MemoryStream(new byte[16]));
        huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        huge.Headers.ContentLength = BulkVacanciesEndpoint.MaxBytes + 1;
        var tooBig = await client.PostAsync(Url, huge);
        tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await tooBig.Content.ReadAsStringAsync()).ShouldContain("larger than 64 MB");
    }
}
