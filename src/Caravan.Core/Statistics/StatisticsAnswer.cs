using Caravan.Core.Statistics.Disclosure;

namespace Caravan.Core.Statistics;

/// <summary>One published cell: its period, its code on each dimension ("_T" for a total), its value or null when hidden.</summary>
public sealed record Observation(string Period, IReadOnlyList<string> Codes, decimal? Value, CellStatus Status);

/// <summary>
/// An answer: the cells in a stable order, with what is needed to say how they were protected. Withheld periods are
/// those whose two-way table could not be protected at all: only its margins are given.
/// </summary>
public sealed record StatisticsAnswer(
    StatisticsRequest Request,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<Observation> Observations,
    long Version,
    DisclosureRules Rules,
    IReadOnlyList<string> WithheldPeriods);
