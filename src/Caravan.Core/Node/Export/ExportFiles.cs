namespace Caravan.Core.Node.Export;

/// <summary>Where an export's files are created: the file system, or in tests a disk that fills up.</summary>
public interface IExportFiles
{
    Stream Create(string path);
}

public sealed class ExportFiles : IExportFiles
{
    public Stream Create(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
}

/// <summary>The folders an export reads beside the database: the key ring and the document store.</summary>
public sealed class NodeExportOptions
{
    public string KeysPath { get; set; } = string.Empty;
    public string DocumentsPath { get; set; } = string.Empty;
}
