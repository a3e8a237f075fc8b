using System.Globalization;
using System.Text;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>What the analyst says of the dataset at the last step: a new dataset, or a new version of one.</summary>
public sealed record DatasetDetails(string? ExistingCode, string? Title, string? Indicator, string? Measure, string? Source, string? Licence, string? Notes);

public enum CommitProblem
{
    None,
    Title,
    Measure,
    Source,
    Licence,
    Dataset,
    NotChecked,
    AlreadyImported,
}

/// <summary>
/// The wizard's last step: a checked table becomes a version of a dataset, in one transaction. The version before it
/// is marked superseded and stays readable. The demo seeder loads UN DESA's table through here too.
/// </summary>
public sealed class DatasetCommitter(CaravanDbContext db, DatasetUploads uploads, IAuditActor actor, TimeProvider time)
{
    public async Task<(StatDatasetVersion? Version, CommitProblem Problem)> CommitAsync(StatUpload upload, DatasetDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var (_, _, result) = await uploads.CheckAsync(upload, cancellationToken);
        var (version, problem) = await CommitCheckedAsync(result, upload.FileName, upload.Sha256, details, cancellationToken);
        if (version is not null)
        {
            upload.VersionId = version.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        return (version, problem);
    }

    /// <summary>Imports a table the node ships, by the same check and commit as an upload; nothing when it is already in.</summary>
    public async Task<StatDatasetVersion?> ImportAsync(string fileName, byte[] content, ImportMapping mapping, DatasetDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        if (await db.Set<StatDatasetVersion>().AnyAsync(v => v.FileSha256 == hash, cancellationToken))
        {
            return null;
        }

        var grid = TableGridReader.Read(fileName, content).Grid ?? throw new InvalidOperationException($"{fileName} is not a table.");
        var result = (await uploads.CheckerAsync(new HandMappedNames(), cancellationToken)).Check(grid, mapping);
        var (version, problem) = await CommitCheckedAsync(result, fileName, hash, details, cancellationToken);
        return version ?? throw new InvalidOperationException($"{fileName} did not import: {problem}, {string.Join("; ", result.Errors.Take(5))}, {string.Join("; ", result.Unmatched.Take(5))}");
    }

    private async Task<(StatDatasetVersion?, CommitProblem)> CommitCheckedAsync(ImportCheckResult result, string fileName, string hash, DatasetDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (!result.CanCommit)
        {
            return (null, CommitProblem.NotChecked);
        }

        if (string.IsNullOrWhiteSpace(details.Source))
        {
            return (null, CommitProblem.Source);
        }

        if (string.IsNullOrWhiteSpace(details.Licence))
        {
            return (null, CommitProblem.Licence);
        }

        if (await db.Set<StatDatasetVersion>().AnyAsync(v => v.FileSha256 == hash, cancellationToken))
        {
            return (null, CommitProblem.AlreadyImported);
        }

        var now = time.GetUtcNow().UtcDateTime;
        StatDataset dataset;
        if (!string.IsNullOrEmpty(details.ExistingCode))
        {
            var found = await db.Set<StatDataset>().Include(d => d.Versions).FirstOrDefaultAsync(d => d.Code == details.ExistingCode, cancellationToken);
            if (found is null)
            {
                return (null, CommitProblem.Dataset);
            }

            dataset = found;
            foreach (var current in dataset.Versions.Where(v => v.SupersededAt == null))
            {
                current.SupersededAt = now;
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(details.Title) || details.Title.Trim().Length > 300)
            {
                return (null, CommitProblem.Title);
            }

            var indicator = Indicators.Find(details.Indicator);
            if (indicator is null && string.IsNullOrWhiteSpace(details.Measure))
            {
                return (null, CommitProblem.Measure);
            }

            dataset = new StatDataset
            {
                Code = await UniqueCodeAsync(details.Title, cancellationToken),
                Title = details.Title.Trim(),
                Indicator = indicator?.Code,
                Measure = indicator is null ? details.Measure!.Trim() : null,
                CreatedAt = now,
            };
            db.Add(dataset);
        }

        var version = new StatDatasetVersion
        {
            Dataset = dataset,
            Number = dataset.Versions.Count == 0 ? 1 : dataset.Versions.Max(v => v.Number) + 1,
            Source = details.Source.Trim(),
            Licence = details.Licence.Trim(),
            Notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim(),
            FileName = Path.GetFileName(fileName),
            FileSha256 = hash,
            ImportedBy = actor.Name,
            ImportedAt = now,
            ObservationCount = result.Observations.Count,
        };
        dataset.Versions.Add(version);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var checkedObservation in result.Observations)
        {
            checkedObservation.Observation.VersionId = version.Id;
        }

        db.AddRange(result.Observations.Select(o => o.Observation));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (version, CommitProblem.None);
    }

    /// <summary>A URL-safe code from the title's letters in Latin or as they are, made unique with a number.</summary>
    private async Task<string> UniqueCodeAsync(string title, CancellationToken cancellationToken)
    {
        var slug = new StringBuilder();
        foreach (var c in CountryMatcher.Normalise(title))
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var baseCode = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        baseCode = baseCode.Length == 0 ? "dataset" : baseCode[..Math.Min(baseCode.Length, 60)];
        var code = baseCode;
        for (var n = 2; await db.Set<StatDataset>().AnyAsync(d => d.Code == code, cancellationToken); n++)
        {
            code = baseCode + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return code;
    }
}
