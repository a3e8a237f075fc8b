namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// A two-way table whose fixed margins leave some hidden cell too narrow a range whatever interior cells are
/// hidden: the table must not be published as it stands (withhold it, or hide more of its margins).
/// </summary>
public sealed class TableNotProtectableException : InvalidOperationException
{
    public TableNotProtectableException()
    {
    }

    public TableNotProtectableException(string message)
        : base(message)
    {
    }

    public TableNotProtectableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
