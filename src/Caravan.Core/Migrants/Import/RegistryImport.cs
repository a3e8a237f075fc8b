using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Migrants.Import;

public enum ImportStatus
{
    Queued = 0,
    Loading = 1,
    Matching = 2,
    Completed = 3,
    Failed = 4,
}

/// <summary>
/// One bulk import of persons from a national database extract. The row is the import's state: each committed
/// batch moves <see cref="LastRow"/> in the same transaction as the persons it wrote, so a crashed import resumes
/// after the last whole batch and never writes a row twice or by half.
/// </summary>
public sealed class RegistryImport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string FileName { get; set; } = string.Empty;

    /// <summary>Where the uploaded file is kept (document store key), or null for a CLI import of a local file.</summary>
    public string? StorageKey { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public ImportStatus Status { get; set; }

    public long BytesTotal { get; set; }

    public long BytesDone { get; set; }

    /// <summary>The last data row (1 = first row after the header) whose batch is committed.</summary>
    public long LastRow { get; set; }

    public long RowsImported { get; set; }

    public long RowsFailed { get; set; }

    public long PairsMerged { get; set; }

    public long PairsForReview { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? LoadedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>A resource key explaining a failure of the whole file (for example a missing column).</summary>
    public string? FailureKey { get; set; }

    public string? FailureArgument { get; set; }
}

/// <summary>One problem in one row and column of an import, as a resource key.</summary>
public sealed class RegistryImportError
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ImportId { get; set; }

    public long Row { get; set; }

    public string Column { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}

internal sealed class RegistryImportMapping : IEntityTypeConfiguration<RegistryImport>
{
    public void Configure(EntityTypeBuilder<RegistryImport> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.StorageKey).HasMaxLength(100);
        builder.Property(i => i.Sha256).HasMaxLength(64);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.FailureKey).HasMaxLength(60);
        builder.Property(i => i.FailureArgument).HasMaxLength(200);
        builder.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class RegistryImportErrorMapping : IEntityTypeConfiguration<RegistryImportError>
{
    public void Configure(EntityTypeBuilder<RegistryImportError> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Column).HasMaxLength(40);
        builder.Property(e => e.Key).HasMaxLength(60);
        builder.HasIndex(e => new { e.ImportId, e.Row });
        builder.HasOne<RegistryImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
