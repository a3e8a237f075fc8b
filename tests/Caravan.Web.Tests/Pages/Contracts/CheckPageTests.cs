using System.Net;
using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;

namespace Caravan.Web.Tests.Pages.Contracts;

public class CheckPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_worker_sees_the_warning_signs_of_an_offer(DatabaseProvider db)
    {
        var response = await fixture.Get(db).Browser().PostFormAsync("/contract-check?culture=en", new Dictionary<string, string>
        {
            ["destinationCountry"] = "TR",
            ["monthlyWage"] = "28000",
            ["wageCurrency"] = "TRY",
            ["hoursPerWeek"] = "66",
            ["feesToWorker"] = "1500",
            ["passportHeldBy"] = "Agency",
            ["agencyLicence"] = ReferenceCode.Create("LIC", 102),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("Warning signs found: 4");
        html.ShouldContain("data-flag=\"WageBelowMinimum\"");
        html.ShouldContain("below the legal minimum wage of 33,030 TRY");
        html.ShouldContain("data-flag=\"FeesCharged\"");
        html.ShouldContain("data-flag=\"HoursOverLimit\"");
        html.ShouldContain("data-flag=\"PassportRetention\"");
        html.ShouldContain("66 hours a week is more than the legal limit of 45 hours in Türkiye.");
    }

    [Fact]
    public async Task A_fair_offer_says_so_with_the_caveat()
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().PostFormAsync("/contract-check?culture=en", new Dictionary<string, string>
        {
            ["destinationCountry"] = "KZ",
            ["monthlyWage"] = "300000",
            ["wageCurrency"] = "KZT",
            ["hoursPerWeek"] = "40",
            ["feesToWorker"] = "0",
            ["passportHeldBy"] = "Worker",
            ["agencyLicence"] = string.Empty,
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("No warning signs found");
        html.ShouldContain("This checks only what you entered.");
    }

    [Theory]
    [InlineData("", "40", "Choose the destination country")]
    [InlineData("RU", "lots", "The value entered is not valid")]
    [InlineData("RU", "500", "Enter hours a week from 1 to 168")]
    public async Task Bad_input_gets_a_message_by_the_field(string destination, string hours, string message)
    {
        var response = await fixture.Get(DatabaseProvider.Sqlite).Browser().PostFormAsync("/contract-check?culture=en", new Dictionary<string, string>
        {
            ["destinationCountry"] = destination,
            ["monthlyWage"] = "1000",
            ["wageCurrency"] = "RUB",
            ["hoursPerWeek"] = hours,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("There is a problem");
        html.ShouldContain(message);
        html.ShouldNotContain("id=\"check-result\"");
    }
}
