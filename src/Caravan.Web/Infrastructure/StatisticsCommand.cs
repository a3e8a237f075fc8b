using System.Globalization;
using Caravan.Core.Statistics;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// The statistics verbs of the command line:
/// <c>backfill-facts</c> writes the fact kinds missing for records made before each kind existed (once per kind);
/// <c>statistics-fold</c> folds new facts into the aggregates now; <c>statistics-rebuild</c> rebuilds them from every fact.
/// </summary>
public static class StatisticsCommand
{
    public const string Backfill = "backfill-facts";
    public const string Fold = "statistics-fold";
    public const string Rebuild = "statistics-rebuild";

    public static readonly IReadOnlyList<string> Verbs = [Backfill, Fold, Rebuild];

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (args.Contains(Backfill, StringComparer.Ordinal))
        {
            foreach (var result in await sp.GetRequiredService<FactBackfill>().RunAsync())
            {
                Console.WriteLine(result.AlreadyDone
                    ? $"{result.Kind}: already backfilled, nothing written"
                    : string.Create(CultureInfo.InvariantCulture, $"{result.Kind}: {result.Written:N0} facts written"));
            }

            return 0;
        }

        var folder = sp.GetRequiredService<StatisticsFolder>();
        var started = TimeProvider.System.GetTimestamp();
        var fold = args.Contains(Rebuild, StringComparer.Ordinal) ? await folder.RebuildAsync() : await folder.FoldAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{fold.Facts:N0} facts folded into {fold.Cells:N0} cells in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s; aggregates through {fold.FoldedThrough:u}, version {fold.Version}"));
        return 0;
    }
}
