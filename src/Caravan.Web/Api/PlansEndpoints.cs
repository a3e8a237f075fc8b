using Caravan.Core.Coordination;
using Caravan.Web.Pages.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caravan.Web.Api;

/// <summary>The shared action plans this node holds, as data: what the plan page and its progress report show.</summary>
public static class PlansEndpoints
{
    public sealed record PartDto(string Country, string Lead, string Status, string? Notes, DateTime UpdatedAt);

    public sealed record ActivityDto(string Code, string Title, DateOnly? Deadline, IReadOnlyList<PartDto> Parts);

    public sealed record ValueDto(string Country, decimal Actual, DateOnly On);

    public sealed record IndicatorDto(string Code, string Title, string? Unit, decimal? Baseline, decimal? Target, string? Linked, IReadOnlyList<ValueDto> Values);

    public sealed record FollowUpDto(string Country, string Status, string? Notes);

    public sealed record RecommendationDto(string Code, string Meeting, string Text, IReadOnlyList<FollowUpDto> FollowUps);

    public sealed record PlanDto(string Code, string Title, int Year, IReadOnlyList<string> Parties, IReadOnlyList<ActivityDto> Activities,
        IReadOnlyList<IndicatorDto> Indicators, IReadOnlyList<RecommendationDto> Recommendations);

    public sealed record PlanSummaryDto(string Code, string Title, int Year, IReadOnlyList<string> Parties);

    public static RouteGroupBuilder MapPlansEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/plans", async (PlanQueries plans, CancellationToken cancellationToken) =>
                TypedResults.Ok((await plans.ListAsync(cancellationToken)).Select(p => new PlanSummaryDto(p.Code, p.Title, p.Year, p.PartyList)).ToList()))
            .WithName("ListPlans")
            .WithSummary("The joint action plans this node shares")
            .RequireAuthorization(p => p.RequireRole(PlanRoles.Readers.Split(',')));
        api.MapGet("/plans/{code}", PlanAsync)
            .WithName("GetPlan")
            .WithSummary("A joint action plan with every party's status, values and follow-up")
            .RequireAuthorization(p => p.RequireRole(PlanRoles.Readers.Split(',')));
        return api;
    }

    private static async Task<Results<Ok<PlanDto>, NotFound>> PlanAsync(string code, PlanQueries plans, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(code, cancellationToken) is not { } plan)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new PlanDto(plan.Code, plan.Title, plan.Year, plan.PartyList,
            [.. plan.Activities.OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new ActivityDto(a.Code, a.Title, a.Deadline,
                [.. a.Parts.OrderBy(p => p.Country, StringComparer.Ordinal).Select(p => new PartDto(p.Country, p.Lead, PlanUpdate.WireName(p.Status), p.Notes, p.UpdatedAt))]))],
            [.. plan.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => new IndicatorDto(i.Code, i.Title, i.Unit, i.Baseline, i.Target, i.Linked,
                [.. i.Values.OrderBy(v => v.Country, StringComparer.Ordinal).Select(v => new ValueDto(v.Country, v.Actual, v.On))]))],
            [.. plan.Recommendations.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new RecommendationDto(r.Code, r.Meeting, r.Text,
                [.. r.FollowUps.OrderBy(f => f.Country, StringComparer.Ordinal).Select(f => new FollowUpDto(f.Country, PlanUpdate.WireName(f.Status), f.Notes))]))]));
    }
}
