using Caravan.Core.Cases;

namespace Caravan.Core.Tests.Cases;

public class CaseOptionsTests
{
    [Theory]
    [InlineData(CasePriority.Urgent, 24, 14)]
    [InlineData(CasePriority.High, 48, 30)]
    [InlineData(CasePriority.Normal, 72, 60)]
    public void The_defaults_give_each_priority_its_deadlines(CasePriority priority, int firstContactHours, int resolutionDays)
    {
        var options = new CaseOptions();
        options.FirstContactWithin(priority).ShouldBe(TimeSpan.FromHours(firstContactHours));
        options.ResolutionWithin(priority).ShouldBe(TimeSpan.FromDays(resolutionDays));
    }

    [Fact]
    public void Configured_values_replace_the_defaults()
    {
        var options = new CaseOptions
        {
            UrgentFirstContactHours = 4,
            HighFirstContactHours = 8,
            NormalFirstContactHours = 16,
            UrgentResolutionDays = 7,
            HighResolutionDays = 21,
            NormalResolutionDays = 90,
        };
        options.FirstContactWithin(CasePriority.Urgent).ShouldBe(TimeSpan.FromHours(4));
        options.FirstContactWithin(CasePriority.High).ShouldBe(TimeSpan.FromHours(8));
        options.FirstContactWithin(CasePriority.Normal).ShouldBe(TimeSpan.FromHours(16));
        options.ResolutionWithin(CasePriority.Urgent).ShouldBe(TimeSpan.FromDays(7));
        options.ResolutionWithin(CasePriority.High).ShouldBe(TimeSpan.FromDays(21));
        options.ResolutionWithin(CasePriority.Normal).ShouldBe(TimeSpan.FromDays(90));
    }

    [Fact]
    public void An_unknown_priority_gets_the_normal_deadlines()
    {
        var options = new CaseOptions();
        options.FirstContactWithin((CasePriority)99).ShouldBe(TimeSpan.FromHours(72));
        options.ResolutionWithin((CasePriority)99).ShouldBe(TimeSpan.FromDays(60));
    }

    [Fact]
    public void More_urgent_cases_get_shorter_deadlines()
    {
        var options = new CaseOptions();
        options.FirstContactWithin(CasePriority.Urgent).ShouldBeLessThan(options.FirstContactWithin(CasePriority.High));
        options.FirstContactWithin(CasePriority.High).ShouldBeLessThan(options.FirstContactWithin(CasePriority.Normal));
        options.ResolutionWithin(CasePriority.Urgent).ShouldBeLessThan(options.ResolutionWithin(CasePriority.High));
        options.ResolutionWithin(CasePriority.High).ShouldBeLessThan(options.ResolutionWithin(CasePriority.Normal));
    }
}
