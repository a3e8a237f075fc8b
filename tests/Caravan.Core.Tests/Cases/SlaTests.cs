using Caravan.Core.Cases;

namespace Caravan.Core.Tests.Cases;

public class SlaTests
{
    private static readonly DateTime Deadline = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan DueSoon = TimeSpan.FromHours(12);

    [Theory]
    [InlineData(-48, SlaState.OnTime)]
    [InlineData(-12.01, SlaState.OnTime)]
    [InlineData(-12, SlaState.DueSoon)]
    [InlineData(-1, SlaState.DueSoon)]
    [InlineData(0, SlaState.DueSoon)]
    [InlineData(0.01, SlaState.Breached)]
    [InlineData(72, SlaState.Breached)]
    public void The_state_depends_on_how_close_now_is_to_the_deadline(double hoursFromDeadline, SlaState expected) =>
        Sla.StateOf(Deadline, Deadline.AddHours(hoursFromDeadline), DueSoon).ShouldBe(expected);

    [Fact]
    public void One_tick_past_the_deadline_is_breached()
    {
        Sla.StateOf(Deadline, Deadline, DueSoon).ShouldBe(SlaState.DueSoon);
        Sla.StateOf(Deadline, Deadline.AddTicks(1), DueSoon).ShouldBe(SlaState.Breached);
        Sla.StateOf(Deadline, Deadline - DueSoon - TimeSpan.FromTicks(1), DueSoon).ShouldBe(SlaState.OnTime);
    }

    [Fact]
    public void The_first_contact_deadline_counts_until_first_contact()
    {
        var opened = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        var c = new LegalCase
        {
            Reference = "CASE-1",
            CountryCode = "KR",
            OpenedAt = opened,
            FirstContactDueAt = opened.AddHours(24),
            ResolutionDueAt = opened.AddDays(14),
        };
        Sla.NextDeadline(c).ShouldBe(opened.AddHours(24));

        c.FirstContactAt = opened.AddHours(3);
        Sla.NextDeadline(c).ShouldBe(opened.AddDays(14));

        // A late first contact still moves the clock on to resolution.
        c.FirstContactAt = opened.AddHours(30);
        Sla.NextDeadline(c).ShouldBe(opened.AddDays(14));
    }

    [Fact]
    public void A_missing_case_is_refused() => Should.Throw<ArgumentNullException>(() => Sla.NextDeadline(null!));
}
