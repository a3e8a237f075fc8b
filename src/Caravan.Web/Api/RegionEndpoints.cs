using Caravan.Core.Region;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caravan.Web.Api;

/// <summary>The regional hub's tables as data, as the region page shows them.</summary>
public static class RegionEndpoints
{
    public sealed record RegionalCellDto(string State, decimal? Value);

    public sealed record RegionalRowDto(string Code, IReadOnlyDictionary<string, RegionalCellDto> Countries, RegionalCellDto Region);

    public sealed record RegionalPointDto(string Period, IReadOnlyDictionary<string, RegionalCellDto> Countries, RegionalCellDto Region);

    public sealed record RegionalTableDto(string Table, string Indicator, string Dimension, string? Period, IReadOnlyList<string> Periods,
        IReadOnlyList<string> Countries, IReadOnlyList<RegionalRowDto> Rows, IReadOnlyList<RegionalPointDto> Series);

    public static RouteGroupBuilder MapRegionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/region/tables", () => TypedResults.Ok(RegionalTables.All.Select(t => new { t.Id, t.Indicator, Dimension = Caravan.Core.Statistics.Codelists.Id(t.Dimension) }).ToList()))
            .WithName("ListRegionalTables")
            .WithSummary("The tables country nodes publish to the regional hub")
            .AllowAnonymous();
        api.MapGet("/region/tables/{table}", TableAsync)
            .WithName("GetRegionalTable")
            .WithSummary("On a hub: one regional table, each country's cells as its node published them after disclosure control, with region totals where they can be given")
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<RegionalTableDto>, NotFound>> TableAsync(string table, string? period, RegionalDashboard dashboard, CancellationToken cancellationToken)
    {
        var found = RegionalTables.Find(table);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        var view = await dashboard.ViewAsync(found, period, cancellationToken);
        static RegionalCellDto Cell(RegionalCell c) => new(c.State.ToString(), c.Value);
        return TypedResults.Ok(new RegionalTableDto(found.Id, found.Indicator, Caravan.Core.Statistics.Codelists.Id(found.Dimension), view.Period, view.Periods, view.Countries,
            [.. view.Rows.Select(r => new RegionalRowDto(r.Code, r.Countries.ToDictionary(kv => kv.Key, kv => Cell(kv.Value)), Cell(r.Region)))],
            [.. view.Series.Select(p => new RegionalPointDto(p.Period, p.Countries.ToDictionary(kv => kv.Key, kv => Cell(kv.Value)), Cell(p.Region)))]));
    }
}
