namespace Caravan.Core.Statistics.Disclosure;

/// <param name="Threshold">
/// Fewest contributors a published cell may have; also the width, in persons, a hidden count must keep on
/// either side.
/// </param>
/// <param name="DominancePercent">
/// p of the p% rule: a magnitude is sensitive when the contributors other than the two largest add up to less than
/// p% of the largest, and a hidden magnitude must stay uncertain by p% of its value either way.
/// </param>
public sealed record DisclosureRules(int Threshold = 10, decimal DominancePercent = 15m);
