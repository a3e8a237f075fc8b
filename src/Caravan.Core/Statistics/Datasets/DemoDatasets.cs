namespace Caravan.Core.Statistics.Datasets;

/// <summary>The datasets a demo node ships, loaded by the wizard's own check and commit so that they prove that path.</summary>
public sealed class DemoDatasets(DatasetCommitter committer)
{
    public const string UnDesaFile = "undesa_ims2019_bilateral_central_asia.csv";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = typeof(DemoDatasets).Assembly.GetManifestResourceStream("Caravan.Datasets." + UnDesaFile)
            ?? throw new InvalidOperationException($"{UnDesaFile} is not embedded.");
        var content = new MemoryStream();
        await stream.CopyToAsync(content, cancellationToken);
        var mapping = new ImportMapping
        {
            HeaderRow = 1,
            Columns = [ColumnRole.Date, ColumnRole.Origin, ColumnRole.Destination, ColumnRole.Value],
            DecimalSeparator = '.',
        };
        var details = new DatasetDetails(
            null,
            "UN DESA International Migrant Stock 2019: Central Asia",
            StockComparison.Indicator,
            null,
            "UN DESA Population Division, International Migrant Stock 2019: by destination and origin",
            "CC BY 3.0 IGO",
            "Migrants by country of birth (or citizenship where birth is not recorded), at 1 July of each year.");
        await committer.ImportAsync(UnDesaFile, content.ToArray(), mapping, details, cancellationToken);
    }
}
