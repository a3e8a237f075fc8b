using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Coordination;

/// <summary>
/// Applies one change to this node's copy of a plan, in the caller's unit of work, whether the change was made here or
/// arrived from another node. A party's status, value or follow-up is kept only if it is newer than the one held, so
/// messages that arrive out of order cannot roll a plan back.
/// </summary>
public sealed class PlanApplier(CaravanDbContext db)
{
    public const string Applied = "applied";
    public const string Older = "older than the change held; ignored";
    public const string NoPlan = "no such plan here; ignored";
    public const string NoItem = "no such item in the plan; ignored";
    public const string Incomplete = "the change is incomplete; ignored";

    public async Task<(string Outcome, ActionPlan? Plan)> ApplyAsync(PlanUpdate update, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        // A delivery can carry a plan and its first items together: the plan is then tracked but not yet saved, which a
        // query would not find.
        var plan = db.Set<ActionPlan>().Local.FirstOrDefault(p => p.Code == update.Plan) ?? await db.Set<ActionPlan>().AsSplitQuery()
            .Include(p => p.Activities).ThenInclude(a => a.Parts)
            .Include(p => p.Indicators).ThenInclude(i => i.Values)
            .Include(p => p.Recommendations).ThenInclude(r => r.FollowUps)
            .SingleOrDefaultAsync(p => p.Code == update.Plan, cancellationToken);
        if (update.Kind == PlanUpdateKind.Plan)
        {
            if (update.Title is null || update.Parties is null)
            {
                return (Incomplete, plan);
            }

            if (plan is null)
            {
                plan = new ActionPlan { Code = update.Plan, Title = update.Title, Parties = update.Parties };
                db.Add(plan);
            }

            plan.Title = update.Title;
            plan.Parties = string.Join(',', update.Parties.Split(',').Order(StringComparer.Ordinal));
            plan.Year = update.Year ?? plan.Year;
            plan.UpdatedAt = at;
            return (Applied, plan);
        }

        if (plan is null)
        {
            return (NoPlan, null);
        }

        var outcome = update.Kind switch
        {
            PlanUpdateKind.Activity => Activity(plan, update),
            PlanUpdateKind.Part => Part(plan, update, at),
            PlanUpdateKind.Indicator => Indicator(plan, update),
            PlanUpdateKind.Value => Value(plan, update, at),
            PlanUpdateKind.Recommendation => Recommendation(plan, update),
            PlanUpdateKind.FollowUp => FollowUp(plan, update, at),
            PlanUpdateKind.Plan => Applied,
            _ => throw new ArgumentOutOfRangeException(nameof(update), update.Kind, null),
        };
        if (outcome == Applied)
        {
            plan.UpdatedAt = at;
        }

        return (outcome, plan);
    }

    private string Activity(ActionPlan plan, PlanUpdate u)
    {
        if (u.Item is null || u.Title is null)
        {
            return Incomplete;
        }

        var activity = plan.Activities.FirstOrDefault(a => a.Code == u.Item);
        if (activity is null)
        {
            activity = new PlanActivity { PlanId = plan.Id, Code = u.Item, Title = u.Title };
            plan.Activities.Add(activity);
            db.Add(activity);
        }

        activity.Title = u.Title;
        activity.Deadline = u.Deadline;
        return Applied;
    }

    private string Part(ActionPlan plan, PlanUpdate u, DateTime at)
    {
        var activity = plan.Activities.FirstOrDefault(a => a.Code == u.Item);
        if (activity is null)
        {
            return NoItem;
        }

        if (u.Country is null)
        {
            return Incomplete;
        }

        var part = activity.Parts.FirstOrDefault(p => p.Country == u.Country);
        if (part is null)
        {
            if (u.Lead is null)
            {
                return Incomplete;
            }

            part = new PlanActivityPart { ActivityId = activity.Id, Country = u.Country, Lead = u.Lead, Status = PlanStatus.Planned };
            activity.Parts.Add(part);
            db.Add(part);
        }
        else if (part.UpdatedAt > at)
        {
            return Older;
        }

        part.Lead = u.Lead ?? part.Lead;
        part.Status = u.Status ?? part.Status;
        part.Notes = u.Notes ?? part.Notes;
        part.UpdatedAt = at;
        return Applied;
    }

    private string Indicator(ActionPlan plan, PlanUpdate u)
    {
        if (u.Item is null || u.Title is null)
        {
            return Incomplete;
        }

        var indicator = plan.Indicators.FirstOrDefault(i => i.Code == u.Item);
        if (indicator is null)
        {
            indicator = new PlanIndicator { PlanId = plan.Id, Code = u.Item, Title = u.Title };
            plan.Indicators.Add(indicator);
            db.Add(indicator);
        }

        indicator.Title = u.Title;
        indicator.Unit = u.Unit;
        indicator.Baseline = u.Baseline;
        indicator.Target = u.Target;
        indicator.Linked = u.Linked;
        return Applied;
    }

    private string Value(ActionPlan plan, PlanUpdate u, DateTime at)
    {
        var indicator = plan.Indicators.FirstOrDefault(i => i.Code == u.Item);
        if (indicator is null)
        {
            return NoItem;
        }

        if (u.Country is null || u.Value is null)
        {
            return Incomplete;
        }

        var value = indicator.Values.FirstOrDefault(v => v.Country == u.Country);
        if (value is null)
        {
            value = new PlanIndicatorValue { IndicatorId = indicator.Id, Country = u.Country };
            indicator.Values.Add(value);
            db.Add(value);
        }
        else if (value.UpdatedAt > at)
        {
            return Older;
        }

        value.Actual = u.Value.Value;
        value.On = u.On;
        value.UpdatedAt = at;
        return Applied;
    }

    private string Recommendation(ActionPlan plan, PlanUpdate u)
    {
        if (u.Item is null || u.Text is null || u.Meeting is null)
        {
            return Incomplete;
        }

        var recommendation = plan.Recommendations.FirstOrDefault(r => r.Code == u.Item);
        if (recommendation is null)
        {
            recommendation = new PlanRecommendation { PlanId = plan.Id, Code = u.Item, Meeting = u.Meeting, Text = u.Text };
            plan.Recommendations.Add(recommendation);
            db.Add(recommendation);
        }

        recommendation.Meeting = u.Meeting;
        recommendation.Text = u.Text;
        return Applied;
    }

    private string FollowUp(ActionPlan plan, PlanUpdate u, DateTime at)
    {
        var recommendation = plan.Recommendations.FirstOrDefault(r => r.Code == u.Item);
        if (recommendation is null)
        {
            return NoItem;
        }

        if (u.Country is null || u.Status is null)
        {
            return Incomplete;
        }

        var followUp = recommendation.FollowUps.FirstOrDefault(f => f.Country == u.Country);
        if (followUp is null)
        {
            followUp = new RecommendationFollowUp { RecommendationId = recommendation.Id, Country = u.Country };
            recommendation.FollowUps.Add(followUp);
            db.Add(followUp);
        }
        else if (followUp.UpdatedAt > at)
        {
            return Older;
        }

        followUp.Status = u.Status.Value;
        followUp.Notes = u.Notes ?? followUp.Notes;
        followUp.UpdatedAt = at;
        return Applied;
    }
}
