namespace Caravan.Core.Statistics.Datasets;

/// <summary>
/// A table of aggregates from outside the registry (a census, a survey, an international table), kept in versions:
/// a new import of the same table supersedes the last, which stays readable.
/// </summary>
public sealed class StatDataset
{
    public int Id { get; set; }

    /// <summary>Stable, URL-safe, made from the title at the first import.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    /// <summary>The catalogue indicator the figures measure (so they can stand beside the registry's), or null for a new one.</summary>
    public string? Indicator { get; set; }

    /// <summary>What the figures measure when they are not a catalogue indicator.</summary>
    public string? Measure { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<StatDatasetVersion> Versions { get; set; } = [];
}

public sealed class StatDatasetVersion
{
    public int Id { get; set; }

    public int DatasetId { get; set; }

    public StatDataset? Dataset { get; set; }

    public int Number { get; set; }

    public required string Source { get; set; }

    public required string Licence { get; set; }

    public string? Notes { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file, lower-case hex: the same file is never imported twice.</summary>
    public required string FileSha256 { get; set; }

    public required string ImportedBy { get; set; }

    public DateTime ImportedAt { get; set; }

    public DateTime? SupersededAt { get; set; }

    public int ObservationCount { get; set; }
}

/// <summary>One figure of a dataset version. Dimensions not in the table hold <see cref="Codelists.Total"/>.</summary>
public sealed class StatObservation
{
    public long Id { get; set; }

    public int VersionId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>ISO 3166-1 alpha-2 of the country of origin (citizenship or birth, as the source counts).</summary>
    public required string Origin { get; set; }

    /// <summary>ISO 3166-2 region of origin, or total.</summary>
    public required string Region { get; set; }

    public required string Destination { get; set; }

    public required string Sex { get; set; }

    /// <summary>"15-24", "65+", or total.</summary>
    public required string AgeBand { get; set; }

    public decimal Value { get; set; }
}

/// <summary>
/// A file on its way through the import wizard: kept between the steps (so the wizard needs no script), with the
/// analyst's column mapping and hand-mapped names. Its content is in the document store, once per hash.
/// </summary>
public sealed class StatUpload
{
    public Guid Id { get; set; }

    public required string FileName { get; set; }

    public required string StorageKey { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }

    /// <summary>The <see cref="ImportMapping"/> as JSON, once the analyst has mapped the columns.</summary>
    public string? Mapping { get; set; }

    /// <summary>Names mapped by hand, as JSON: "country:Name" or "region:Name" to a code.</summary>
    public string? Names { get; set; }

    /// <summary>The version the upload became, once committed.</summary>
    public int? VersionId { get; set; }
}
