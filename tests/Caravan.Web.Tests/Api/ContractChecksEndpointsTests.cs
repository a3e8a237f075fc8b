using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Api;

public class ContractChecksEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string Samarkand = ReferenceCode.Create("LIC", 101); // licensed for KZ and KR
    private static readonly string Bukhara = ReferenceCode.Create("LIC", 201);   // revoked

    private static object Offer(string destination = "KR", decimal wage = 2_400_000, string currency = "KRW", int hours = 48,
        decimal fees = 0, string passport = "Worker", string? licence = null) => new
        {
            destinationCountry = destination,
            monthlyWage = wage,
            wageCurrency = currency,
            hoursPerWeek = hours,
            feesToWorker = fees,
            passportHeldBy = passport,
            agencyLicence = licence ?? Samarkand,
        };

    private async Task<List<(string Code, string Severity, string Message)>> FlagsAsync(DatabaseProvider db, object offer, string culture = "en")
    {
        var response = await fixture.Get(db).CreateClient().PostAsJsonAsync($"/api/v1/contract-checks?culture={culture}", offer);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("flags").EnumerateArray()
            .Select(f => (f.GetProperty("code").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("message").GetString()!)).ToList();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_fair_offer_through_a_licensed_agency_has_no_flags(DatabaseProvider db) =>
        (await FlagsAsync(db, Offer())).ShouldBeEmpty();

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task Every_red_flag_is_found_with_its_severity(DatabaseProvider db)
    {
        var flags = await FlagsAsync(db, Offer(destination: "RU", wage: 0, currency: "RUB", hours: 60, fees: 45_000, passport: "Employer", licence: Bukhara));
        flags.Select(f => f.Code).ShouldBe(["FeesCharged", "HoursOverLimit", "PassportRetention", "NoWage", "AgencyNotValid"], ignoreOrder: true);
        flags.Single(f => f.Code == "PassportRetention").Severity.ShouldBe("Critical");
        flags.Single(f => f.Code == "HoursOverLimit").Severity.ShouldBe("Warning");
        flags.Single(f => f.Code == "HoursOverLimit").Message.ShouldBe("60 hours a week is more than the legal limit of 40 hours in Russia.");
        flags.Single(f => f.Code == "FeesCharged").Message.ShouldContain("45,000 RUB");
        flags.Single(f => f.Code == "AgencyNotValid").Message.ShouldContain("Revoked");
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task An_agency_is_checked_against_the_register_and_its_destinations(DatabaseProvider db)
    {
        (await FlagsAsync(db, Offer(destination: "TR", hours: 45))).Single().Code.ShouldBe("AgencyNotForDestination");
        (await FlagsAsync(db, Offer(licence: ReferenceCode.Create("LIC", 555)))).Single().Code.ShouldBe("AgencyUnknown");
    }

    [Fact]
    public async Task Messages_come_in_the_requested_language_with_country_names_in_it()
    {
        var flags = await FlagsAsync(DatabaseProvider.Sqlite, Offer(destination: "RU", currency: "RUB", wage: 90_000, hours: 50, licence: ReferenceCode.Create("LIC", 100)), "ru");
        var message = flags.Single().Message;
        message.ShouldContain("50");
        message.ShouldContain("Россия");
        message.ShouldNotContain("hours");
    }

    [Fact]
    public async Task A_node_that_allows_capped_fees_flags_only_fees_above_the_cap()
    {
        await using var app = new CaravanApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["FeePolicy:Kind"] = "DaysOfWages",
            ["FeePolicy:CapDays"] = "7",
        });
        var client = app.CreateClient();
        async Task<List<string>> Codes(decimal fees) => (await (await client.PostAsJsonAsync("/api/v1/contract-checks?culture=en",
                Offer(destination: "RU", currency: "RUB", wage: 90_000, hours: 40, fees: fees, licence: ReferenceCode.Create("LIC", 100))))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToList();
        (await Codes(20_000)).ShouldBeEmpty();
        (await Codes(30_000)).ShouldBe(["FeesOverCap"]);
    }

    [Theory]
    [InlineData("{\"monthlyWage\": 100}", "destinationCountry")]
    [InlineData("{\"destinationCountry\": \"RU\", \"wageCurrency\": \"rub\"}", "wageCurrency")]
    [InlineData("{\"destinationCountry\": \"RU\", \"hoursPerWeek\": 0}", "hoursPerWeek")]
    [InlineData("{\"destinationCountry\": \"RU\", \"passportHeldBy\": \"1\"}", "passportHeldBy")]
    [InlineData("{\"destinationCountry\": \"RU\", \"feesToWorker\": -5}", "feesToWorker")]
    public async Task Bad_terms_get_a_localised_validation_problem(string body, string field)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().PostAsync("/api/v1/contract-checks?culture=ru",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var message = errors.GetProperty(field)[0].GetString()!;
        message.ShouldNotStartWith("Validation.");
        message.ShouldBe(Caravan.Web.Tests.Resources.ResourceCompletenessTests.Load("ru")[field switch
        {
            "destinationCountry" => "Validation.Destination",
            "wageCurrency" => "Validation.Currency",
            "hoursPerWeek" => "Validation.Hours",
            "passportHeldBy" => "Validation.PassportHolder",
            _ => "Validation.Amount",
        }]);
    }

    [Theory]
    [InlineData("{\"destinationCountry\": ")]
    [InlineData("{\"destinationCountry\": \"RU\", \"hoursPerWeek\": \"many\"}")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).CreateClient().PostAsync("/api/v1/contract-checks",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
