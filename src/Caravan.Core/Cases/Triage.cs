namespace Caravan.Core.Cases;

/// <summary>
/// Priority from what was reported (docs/cases.md): risk to life or liberty, or two or more forced-labour
/// indicators, is urgent; categories that usually hide coercion, or one indicator, are high; the rest normal.
/// </summary>
public static class Triage
{
    /// <summary>"Several" indicators: the ILO treats two together as a strong sign of forced labour.</summary>
    public const int SeveralIndicators = 2;

    public static CasePriority Priority(CaseCategory category, IReadOnlyCollection<ForcedLabourIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var distinct = indicators.Distinct().Count();
        if (category is CaseCategory.ViolenceAbuse or CaseCategory.Detention or CaseCategory.DeathRepatriation
            || distinct >= SeveralIndicators
            || indicators.Contains(ForcedLabourIndicator.Violence)
            || indicators.Contains(ForcedLabourIndicator.RestrictionOfMovement))
        {
            return CasePriority.Urgent;
        }

        return category is CaseCategory.DocumentRetention or CaseCategory.RecruitmentDebt or CaseCategory.UnsafeWork or CaseCategory.ContractSubstitution
            || distinct == 1
            ? CasePriority.High
            : CasePriority.Normal;
    }
}

public enum SlaState
{
    OnTime,
    DueSoon,
    Breached,
}

public static class Sla
{
    /// <summary>The deadline that matters now: first contact until it happens, then resolution.</summary>
    public static DateTime NextDeadline(LegalCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.FirstContactAt is null ? c.FirstContactDueAt : c.ResolutionDueAt;
    }

    public static SlaState StateOf(DateTime deadline, DateTime now, TimeSpan dueSoon) =>
        now > deadline ? SlaState.Breached : deadline - now <= dueSoon ? SlaState.DueSoon : SlaState.OnTime;
}
