namespace Caravan.Core.Cases;

public enum ProposalStatus
{
    Open,
    InspectionOrdered,
    SanctionProposed,
    NoAction,
}

/// <summary>
/// Raised when substantiated cases against an agency pass the node's threshold. It asks licensing officers to decide
/// by a deadline; the system itself never sanctions.
/// </summary>
public sealed class SanctionProposal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid AgencyId { get; set; }

    public DateTime ProposedAt { get; set; }

    /// <summary>Substantiated cases in the window when the proposal was raised.</summary>
    public int CaseCount { get; set; }

    public int WindowMonths { get; set; }

    public DateOnly ResponseDeadline { get; set; }

    public ProposalStatus Status { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }
}
