namespace Caravan.Core.Statistics.Disclosure;

/// <param name="Threshold">
/// Fewest contributors a published cell may have; also the width, in persons, a hidden count must keep on
/// either side.
/// </param>
/// <param name="DominancePercent">
/// p of the p% rule: a magnitude is sensitive when the contributors other than the two largest add up to less than
/// p% of the largest, and a hidden magnitude must stay uncertain by p% of its value either way.
/// </param>
/// <param name="AuditWithSolver">
/// Check every pattern again with a general LP solver (GLOP) before returning it. The one-way rule and the max-flow of
/// two-way tables already compute the LP's exact ranges, so the audit only re-proves them; tests keep it on, and an
/// independent attacker LP in the tests attacks every pattern. Published answers run without it (docs/performance.md).
/// </param>
public sealed record DisclosureRules(int Threshold = 10, decimal DominancePercent = 15m, bool AuditWithSolver = true);
