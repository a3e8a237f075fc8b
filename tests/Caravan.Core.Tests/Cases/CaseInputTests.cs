using Caravan.Core.Cases;

namespace Caravan.Core.Tests.Cases;

public class CaseInputTests
{
    private static readonly HashSet<string> Countries = ["KR", "RU", "AE"];
    private static readonly HashSet<string> Currencies = ["KRW", "USD", "RUB"];

    private static CaseReport Report() => new(
        CaseCategory.UnpaidWages,
        [ForcedLabourIndicator.WithheldWages],
        "KR",
        "Ansan",
        null,
        "Daehan Metal",
        "My wages for three months were not paid.",
        Guid.NewGuid(),
        "en");

    private static CaseClosing Closing(CaseOutcome outcome = CaseOutcome.Resolved) =>
        new(outcome, true, 1200m, "USD", false, false, null, null, null);

    [Fact]
    public void A_complete_report_has_no_errors() => Report().Validate(Countries).ShouldBeEmpty();

    [Theory]
    [InlineData("XX")]
    [InlineData("kr")]
    [InlineData("")]
    [InlineData("  ")]
    public void An_unknown_country_is_named(string country) =>
        (Report() with { CountryCode = country }).Validate(Countries).ShouldBe([("Country", "Cases.Error.Country")]);

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void A_narrative_is_required(string narrative) =>
        (Report() with { Narrative = narrative }).Validate(Countries).ShouldBe([("Narrative", "Cases.Error.NarrativeRequired")]);

    [Fact]
    public void A_narrative_may_be_8000_characters_but_no_more()
    {
        (Report() with { Narrative = new string('a', CaseReport.MaxNarrative) }).Validate(Countries).ShouldBeEmpty();
        (Report() with { Narrative = new string('a', CaseReport.MaxNarrative + 1) }).Validate(Countries)
            .ShouldBe([("Narrative", "Cases.Error.NarrativeTooLong")]);
        CaseReport.MaxNarrative.ShouldBe(8000);
    }

    [Fact]
    public void A_city_may_be_100_characters_but_no_more()
    {
        (Report() with { City = new string('c', CaseReport.MaxCity) }).Validate(Countries).ShouldBeEmpty();
        // Surrounding spaces are trimmed before counting.
        (Report() with { City = "  " + new string('c', CaseReport.MaxCity) + "  " }).Validate(Countries).ShouldBeEmpty();
        (Report() with { City = new string('c', CaseReport.MaxCity + 1) }).Validate(Countries).ShouldBe([("City", "Cases.Error.City")]);
        CaseReport.MaxCity.ShouldBe(100);
    }

    [Fact]
    public void An_employer_name_over_200_characters_is_named()
    {
        (Report() with { EmployerName = null }).Validate(Countries).ShouldBeEmpty();
        (Report() with { EmployerName = new string('e', CaseReport.MaxEmployer + 1) }).Validate(Countries)
            .ShouldBe([("Employer", "Cases.Error.Employer")]);
    }

    [Fact]
    public void Every_problem_of_a_report_is_listed()
    {
        var report = Report() with { CountryCode = "XX", City = new string('c', 101), Narrative = " " };
        report.Validate(Countries).ShouldBe(
            [("Country", "Cases.Error.Country"), ("City", "Cases.Error.City"), ("Narrative", "Cases.Error.NarrativeRequired")],
            ignoreOrder: true);
    }

    [Fact]
    public void A_resolved_closing_with_1200_usd_has_no_errors() => Closing().Validate(Currencies).ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("XXX")]
    public void An_amount_needs_a_known_currency(string? currency) =>
        (Closing() with { Currency = currency }).Validate(Currencies).ShouldBe([("Currency", "Cases.Error.Currency")]);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-0.01)]
    public void An_amount_must_be_positive(double amount) =>
        (Closing() with { AmountRecovered = (decimal)amount }).Validate(Currencies).ShouldBe([("Amount", "Cases.Error.Amount")]);

    [Fact]
    public void No_amount_needs_no_currency() =>
        (Closing() with { AmountRecovered = null, Currency = null }).Validate(Currencies).ShouldBeEmpty();

    [Theory]
    [InlineData(CaseOutcome.ClosedUnresolved)]
    [InlineData(CaseOutcome.Withdrawn)]
    public void Closing_unresolved_or_withdrawn_needs_a_reason(CaseOutcome outcome)
    {
        (Closing(outcome) with { Reason = null }).Validate(Currencies).ShouldBe([("Reason", "Cases.Error.ReasonRequired")]);
        (Closing(outcome) with { Reason = "  " }).Validate(Currencies).ShouldBe([("Reason", "Cases.Error.ReasonRequired")]);
        (Closing(outcome) with { Reason = "The worker went home and stopped answering." }).Validate(Currencies).ShouldBeEmpty();
    }

    [Fact]
    public void Resolved_and_referred_cases_need_no_reason()
    {
        Closing(CaseOutcome.Resolved).Validate(Currencies).ShouldBeEmpty();
        (Closing(CaseOutcome.Referred) with { ReferredTo = "Labour inspectorate" }).Validate(Currencies).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_referral_needs_to_say_where(string? referredTo) =>
        (Closing(CaseOutcome.Referred) with { ReferredTo = referredTo }).Validate(Currencies)
            .ShouldBe([("ReferredTo", "Cases.Error.ReferredToRequired")]);

    [Fact]
    public void Over_long_closing_texts_are_refused()
    {
        (Closing() with { Reason = new string('r', 501) }).Validate(Currencies).ShouldBe([("Reason", "Cases.Error.TooLong")]);
        (Closing(CaseOutcome.Referred) with { ReferredTo = new string('r', 201) }).Validate(Currencies).ShouldBe([("Reason", "Cases.Error.TooLong")]);
        (Closing() with { ExternalReference = new string('r', 101) }).Validate(Currencies).ShouldBe([("Reason", "Cases.Error.TooLong")]);
    }

    [Fact]
    public void Missing_sets_are_refused()
    {
        Should.Throw<ArgumentNullException>(() => Report().Validate(null!));
        Should.Throw<ArgumentNullException>(() => Closing().Validate(null!));
    }
}
