using Caravan.Core.Statistics;

namespace Caravan.Core.Tests.Statistics;

public class IndicatorsTests
{
    [Fact]
    public void Every_indicator_has_a_unique_code_and_a_valid_sdmx_dataflow()
    {
        Indicators.All.Select(i => i.Code).ShouldBeUnique();
        Indicators.All.ShouldAllBe(i => System.Text.RegularExpressions.Regex.IsMatch(i.Dataflow, "^DF_[A-Z0-9_]+$"));
        Indicators.All.Where(i => i.Allows(Dimension.Category)).ShouldAllBe(i => Codelists.Categories(i.CategoryCodelist!).Count > 0);
    }

    [Fact]
    public void A_departure_adds_to_departures_and_to_the_stock_abroad_and_the_end_of_a_stay_takes_one_away()
    {
        Indicators.ContributionsOf(FactKind.Departure, null, null, null, null, null, null).ShouldBe([("departures", "", 1m), ("citizens_abroad", "", 1m)]);
        Indicators.ContributionsOf(FactKind.StayEnded, null, null, null, null, null, null).ShouldBe([("citizens_abroad", "", -1m)]);
    }

    [Fact]
    public void A_closed_case_adds_its_outcome_and_its_days_and_recruitment_cost_is_a_share_of_earnings()
    {
        Indicators.ContributionsOf(FactKind.CaseClosed, "UnpaidWages", "Resolved", 3, 40, null, null)
            .ShouldBe([("cases_by_outcome", "Resolved", 1m), ("days_to_first_contact", "UnpaidWages", 3m), ("days_to_resolution", "UnpaidWages", 40m)]);
        Indicators.ContributionsOf(FactKind.RecruitmentCost, null, null, null, null, 200m, 800m).ShouldBe([("recruitment_cost", "", 0.25m)]);
        Indicators.ContributionsOf(FactKind.RecruitmentCost, null, null, null, null, 0m, 800m).ShouldBe([("recruitment_cost", "", 0m)]);
        Indicators.ContributionsOf(FactKind.RecruitmentCost, null, null, null, null, 200m, 0m).ShouldBeEmpty();
        Indicators.ContributionsOf(FactKind.VacancyClosed, null, null, null, null, null, null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("15-19", "Y15T19")]
    [InlineData("0-14", "Y0T14")]
    [InlineData("65+", "Y_GE65")]
    [InlineData("60-64", "Y60T64")]
    public void Age_bands_round_trip_through_their_sdmx_codes(string band, string code)
    {
        Codelists.AgeCode(band).ShouldBe(code);
        Codelists.StoredAge(code).ShouldBe(band);
        Codelists.AgeCodes.ShouldContain(code);
    }

    [Fact]
    public void An_indicator_has_a_table_for_its_total_each_dimension_and_each_pair()
    {
        var groupings = Groupings.Of("registrations");
        groupings.Select(g => g.Id).ShouldBe(["", "sex", "age", "region", "sex+age", "sex+region", "age+region"]);
        Groupings.Of("departures").Count.ShouldBe(1 + 6 + 15);
    }
}
