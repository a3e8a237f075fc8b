using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

/// <summary>
/// Closing a case with its outcome, and what follows for an agency: substantiated cases past the node's threshold raise
/// a sanction proposal, which only a licensing officer decides.
/// </summary>
public sealed class CaseOutcomes(
    CaravanDbContext db,
    CaseAccessRules access,
    CaseTimeline timeline,
    CaseFacts caseFacts,
    FactWriter facts,
    IOptions<CaseOptions> options,
    TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private CaseOptions Options => options.Value;

    /// <summary>
    /// Closes the case with its outcome. A substantiated case against an agency counts on its scorecard, and past
    /// the node's threshold raises a proposal for licensing officers to decide on.
    /// </summary>
    public async Task<bool> CloseAsync(LegalCase c, CaseClosing closing, RegistryActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(closing);
        if (c.Status != CaseStatus.Open || !await access.CanManageAsync(c, actor, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        c.Status = CaseStatus.Closed;
        c.ClosedAt = Now;
        c.Outcome = closing.Outcome;
        c.Substantiated = closing.Substantiated;
        c.AmountRecovered = closing.AmountRecovered;
        c.RecoveredCurrency = closing.AmountRecovered is null ? null : closing.Currency;
        c.DocumentsReturned = closing.DocumentsReturned;
        c.Repatriated = closing.Repatriated;
        c.OutcomeReason = string.IsNullOrWhiteSpace(closing.Reason) ? null : closing.Reason.Trim();
        if (!string.IsNullOrWhiteSpace(closing.ReferredTo))
        {
            c.ReferredTo = closing.ReferredTo.Trim();
            c.ExternalReference = string.IsNullOrWhiteSpace(closing.ExternalReference) ? c.ExternalReference : closing.ExternalReference.Trim();
        }

        db.Add(timeline.Event(c, CaseEventKind.Closed, actor, c.OutcomeReason, closing.Outcome.ToString()));
        var closedFact = await caseFacts.FactAsync(c, FactKind.CaseClosed, cancellationToken);
        db.Add(closedFact);
        await facts.AddWagesRecoveredAsync(c, await caseFacts.PersonAsync(c, cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (c.Substantiated && c.AgencyId is { } agencyId)
        {
            await ProposeSanctionIfDueAsync(agencyId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task ProposeSanctionIfDueAsync(Guid agencyId, CancellationToken cancellationToken)
    {
        var since = Now.AddMonths(-Options.SanctionWindowMonths);
        var count = await db.Set<LegalCase>().CountAsync(x => x.AgencyId == agencyId && x.Substantiated && x.ClosedAt >= since, cancellationToken);
        if (count < Options.SanctionThreshold
            || await db.Set<SanctionProposal>().AnyAsync(p => p.AgencyId == agencyId && p.Status == ProposalStatus.Open, cancellationToken))
        {
            return;
        }

        db.Add(new SanctionProposal
        {
            AgencyId = agencyId,
            ProposedAt = Now,
            CaseCount = count,
            WindowMonths = Options.SanctionWindowMonths,
            ResponseDeadline = Today.AddDays(Options.SanctionResponseDays),
            Status = ProposalStatus.Open,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A licensing officer's decision on a proposal; the system only ever proposes.</summary>
    public async Task<bool> DecideAsync(SanctionProposal proposal, ProposalStatus decision, string note, Guid officerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Status != ProposalStatus.Open || decision == ProposalStatus.Open || string.IsNullOrWhiteSpace(note) || note.Length > 1000)
        {
            return false;
        }

        proposal.Status = decision;
        proposal.DecidedAt = Now;
        proposal.DecidedById = officerId;
        proposal.DecisionNote = note.Trim();
        facts.AddSanctionDecision(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
