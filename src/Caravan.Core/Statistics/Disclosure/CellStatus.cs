namespace Caravan.Core.Statistics.Disclosure;

public enum CellStatus
{
    Published = 0,

    /// <summary>Hidden because the cell itself breaks the primary rule.</summary>
    Suppressed = 1,

    /// <summary>Hidden only so that other hidden cells cannot be worked out from the published ones.</summary>
    SecondarySuppressed = 2,
}
