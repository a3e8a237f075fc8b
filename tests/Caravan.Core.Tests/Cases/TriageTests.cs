using Caravan.Core.Cases;

namespace Caravan.Core.Tests.Cases;

public class TriageTests
{
    [Theory]
    [InlineData(CaseCategory.ViolenceAbuse)]
    [InlineData(CaseCategory.Detention)]
    [InlineData(CaseCategory.DeathRepatriation)]
    public void Risk_to_life_or_liberty_is_urgent_without_any_indicator(CaseCategory category) =>
        Triage.Priority(category, []).ShouldBe(CasePriority.Urgent);

    [Theory]
    [InlineData(CaseCategory.DocumentRetention)]
    [InlineData(CaseCategory.RecruitmentDebt)]
    [InlineData(CaseCategory.UnsafeWork)]
    [InlineData(CaseCategory.ContractSubstitution)]
    public void Categories_that_usually_hide_coercion_are_high(CaseCategory category) =>
        Triage.Priority(category, []).ShouldBe(CasePriority.High);

    [Theory]
    [InlineData(CaseCategory.UnpaidWages)]
    [InlineData(CaseCategory.LostDocuments)]
    [InlineData(CaseCategory.Other)]
    public void Other_categories_without_indicators_are_normal(CaseCategory category) =>
        Triage.Priority(category, []).ShouldBe(CasePriority.Normal);

    [Theory]
    [InlineData(CaseCategory.UnpaidWages, CasePriority.Urgent, ForcedLabourIndicator.WithheldWages, ForcedLabourIndicator.DocumentRetention)]
    [InlineData(CaseCategory.Other, CasePriority.Urgent, ForcedLabourIndicator.Deception, ForcedLabourIndicator.Isolation)]
    [InlineData(CaseCategory.LostDocuments, CasePriority.Urgent, ForcedLabourIndicator.Threats, ForcedLabourIndicator.DebtBondage, ForcedLabourIndicator.ExcessiveOvertime)]
    [InlineData(CaseCategory.UnsafeWork, CasePriority.Urgent, ForcedLabourIndicator.AbusiveConditions, ForcedLabourIndicator.ExcessiveOvertime)]
    [InlineData(CaseCategory.UnpaidWages, CasePriority.Urgent, ForcedLabourIndicator.Violence)]
    [InlineData(CaseCategory.Other, CasePriority.Urgent, ForcedLabourIndicator.RestrictionOfMovement)]
    [InlineData(CaseCategory.UnpaidWages, CasePriority.High, ForcedLabourIndicator.WithheldWages)]
    [InlineData(CaseCategory.Other, CasePriority.High, ForcedLabourIndicator.Threats)]
    [InlineData(CaseCategory.LostDocuments, CasePriority.High, ForcedLabourIndicator.DocumentRetention)]
    [InlineData(CaseCategory.DocumentRetention, CasePriority.High, ForcedLabourIndicator.DocumentRetention)]
    [InlineData(CaseCategory.RecruitmentDebt, CasePriority.Urgent, ForcedLabourIndicator.Violence)]
    [InlineData(CaseCategory.Detention, CasePriority.Urgent, ForcedLabourIndicator.WithheldWages)]
    public void Indicators_raise_the_priority(CaseCategory category, CasePriority expected, params ForcedLabourIndicator[] indicators) =>
        Triage.Priority(category, indicators).ShouldBe(expected);

    [Fact]
    public void Unpaid_wages_with_the_passport_held_is_urgent()
    {
        // Wages unpaid and the passport held by the employer: two indicators together.
        ForcedLabourIndicator[] indicators = [ForcedLabourIndicator.WithheldWages, ForcedLabourIndicator.DocumentRetention];
        Triage.Priority(CaseCategory.UnpaidWages, indicators).ShouldBe(CasePriority.Urgent);
        // Either one alone is only high.
        Triage.Priority(CaseCategory.UnpaidWages, [ForcedLabourIndicator.WithheldWages]).ShouldBe(CasePriority.High);
        Triage.Priority(CaseCategory.UnpaidWages, [ForcedLabourIndicator.DocumentRetention]).ShouldBe(CasePriority.High);
    }

    [Fact]
    public void Several_indicators_means_two() => Triage.SeveralIndicators.ShouldBe(2);

    [Fact]
    public void Missing_indicators_are_refused() =>
        Should.Throw<ArgumentNullException>(() => Triage.Priority(CaseCategory.Other, null!));
}
