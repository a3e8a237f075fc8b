namespace Caravan.Core.Node.Export;

/// <summary>An export or import that was refused or failed, with a message for the operator; nothing was left half-written.</summary>
public sealed class NodeExportException : Exception
{
    public NodeExportException()
    {
    }

    public NodeExportException(string message) : base(message)
    {
    }

    public NodeExportException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
