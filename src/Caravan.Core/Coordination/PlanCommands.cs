using System.Text.RegularExpressions;
using Caravan.Core.Data;
using Caravan.Core.Node;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Coordination;

/// <summary>A field and the resource key of what is wrong with it.</summary>
public sealed record PlanProblem(string Field, string Key);

/// <summary>What a change gave: nothing wrong and the messages queued, or each problem.</summary>
public sealed record PlanResult(IReadOnlyList<PlanProblem> Problems, int Sent)
{
    public bool Succeeded => Problems.Count == 0;
}

public sealed record PlanInput(string? Code, string? Title, IReadOnlyList<string> Parties, int? Year);

public sealed record ActivityInput(string? Code, string? Title, DateOnly? Deadline, IReadOnlyDictionary<string, string?> Leads);

public sealed record IndicatorInput(string? Code, string? Title, string? Unit, decimal? Baseline, decimal? Target, string? Linked);

public sealed record RecommendationInput(string? Code, string? Meeting, string? Text);

/// <summary>
/// Changes to shared plans made on this node. The hub's secretariat defines plans, activities, indicators and
/// recommendations; each party's node reports its own part's status, its follow-up of recommendations and the actual
/// values of unlinked indicators. Every change is applied here and queued for the nodes that share the plan, together.
/// </summary>
public sealed partial class PlanCommands(CaravanDbContext db, PlanApplier applier, PlanSharing sharing, TimeProvider time, IOptions<NodeOptions> node)
{
    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex CodePattern();

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<PlanResult> CreatePlanAsync(PlanInput input, IReadOnlySet<string> countries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(countries);
        var problems = new List<PlanProblem>();
        HubOnly(problems);
        Code(input.Code, problems);
        Text("Title", input.Title, PlanLimits.Title, problems);
        var parties = input.Parties.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (parties.Count < 2 || parties.Any(p => !countries.Contains(p)))
        {
            problems.Add(new("Parties", "Plans.Error.Parties"));
        }

        if (input.Year is not (>= 2000 and <= 2100))
        {
            problems.Add(new("Year", "Plans.Error.Year"));
        }

        if (problems.Count == 0 && await db.Set<ActionPlan>().AnyAsync(p => p.Code == input.Code!.Trim(), cancellationToken))
        {
            problems.Add(new("Code", "Plans.Error.CodeTaken"));
        }

        return problems.Count > 0 ? new PlanResult(problems, 0)
            : await ChangeAsync(new PlanUpdate(input.Code!.Trim(), PlanUpdateKind.Plan, null, Today) { Title = input.Title!.Trim(), Parties = string.Join(',', parties), Year = input.Year }, null, cancellationToken);
    }

    public async Task<PlanResult> AddActivityAsync(ActionPlan plan, ActivityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<PlanProblem>();
        HubOnly(problems);
        Code(input.Code, problems);
        Text("Title", input.Title, PlanLimits.Title, problems);
        foreach (var party in plan.PartyList)
        {
            Text("Lead-" + party, input.Leads.GetValueOrDefault(party), PlanLimits.Lead, problems);
        }

        if (problems.Count == 0 && plan.Activities.Any(a => a.Code == input.Code!.Trim()))
        {
            problems.Add(new("Code", "Plans.Error.CodeTaken"));
        }

        if (problems.Count > 0)
        {
            return new PlanResult(problems, 0);
        }

        var code = input.Code!.Trim();
        var updates = new List<PlanUpdate> { new(plan.Code, PlanUpdateKind.Activity, code, Today) { Title = input.Title!.Trim(), Deadline = input.Deadline } };
        updates.AddRange(plan.PartyList.Select(party => new PlanUpdate(plan.Code, PlanUpdateKind.Part, code, Today) { Country = party, Lead = input.Leads[party]!.Trim(), Status = PlanStatus.Planned }));
        return await ChangeAsync(updates, null, cancellationToken);
    }

    public async Task<PlanResult> AddIndicatorAsync(ActionPlan plan, IndicatorInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<PlanProblem>();
        HubOnly(problems);
        Code(input.Code, problems);
        Text("Title", input.Title, PlanLimits.Title, problems);
        if (input.Unit is { Length: > 40 })
        {
            problems.Add(new("Unit", "Plans.Error.TooLong"));
        }

        if (input.Linked is { Length: > 0 } linked && Statistics.Indicators.Find(linked) is null)
        {
            problems.Add(new("Linked", "Plans.Error.Linked"));
        }

        if (problems.Count == 0 && plan.Indicators.Any(i => i.Code == input.Code!.Trim()))
        {
            problems.Add(new("Code", "Plans.Error.CodeTaken"));
        }

        return problems.Count > 0 ? new PlanResult(problems, 0) : await ChangeAsync(new PlanUpdate(plan.Code, PlanUpdateKind.Indicator, input.Code!.Trim(), Today)
        {
            Title = input.Title!.Trim(),
            Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(),
            Baseline = input.Baseline,
            Target = input.Target,
            Linked = string.IsNullOrWhiteSpace(input.Linked) ? null : input.Linked,
        }, null, cancellationToken);
    }

    public async Task<PlanResult> AddRecommendationAsync(ActionPlan plan, RecommendationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<PlanProblem>();
        HubOnly(problems);
        Code(input.Code, problems);
        Text("Meeting", input.Meeting, PlanLimits.Lead, problems);
        Text("Text", input.Text, PlanLimits.Notes, problems);
        if (problems.Count == 0 && plan.Recommendations.Any(r => r.Code == input.Code!.Trim()))
        {
            problems.Add(new("Code", "Plans.Error.CodeTaken"));
        }

        if (problems.Count > 0)
        {
            return new PlanResult(problems, 0);
        }

        var code = input.Code!.Trim();
        List<PlanUpdate> updates = [new(plan.Code, PlanUpdateKind.Recommendation, code, Today) { Meeting = input.Meeting!.Trim(), Text = input.Text!.Trim() }];
        updates.AddRange(plan.PartyList.Select(party => new PlanUpdate(plan.Code, PlanUpdateKind.FollowUp, code, Today) { Country = party, Status = PlanStatus.Planned }));
        return await ChangeAsync(updates, null, cancellationToken);
    }

    /// <summary>A party's status and notes on an activity, or on a recommendation's follow-up. A country's node speaks only for its country.</summary>
    public async Task<PlanResult> ReportAsync(ActionPlan plan, PlanUpdateKind kind, string item, string country, PlanStatus? status, string? notes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<PlanProblem>();
        if (kind is not (PlanUpdateKind.Part or PlanUpdateKind.FollowUp))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only a part or a follow-up is reported.");
        }

        if (!MaySpeakFor(plan, country))
        {
            problems.Add(new("Country", "Plans.Error.NotYourCountry"));
        }

        if (status is null)
        {
            problems.Add(new("Status", "Plans.Error.Status"));
        }

        if (notes is { Length: > PlanLimits.Notes })
        {
            problems.Add(new("Notes", "Plans.Error.TooLong"));
        }

        return problems.Count > 0 ? new PlanResult(problems, 0)
            : await ChangeAsync(new PlanUpdate(plan.Code, kind, item, Today) { Country = country, Status = status, Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim() }, null, cancellationToken);
    }

    /// <summary>The actual value of an indicator that no Caravan indicator gives, as the party measured it.</summary>
    public async Task<PlanResult> SetValueAsync(ActionPlan plan, string indicator, string country, decimal? value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<PlanProblem>();
        if (!MaySpeakFor(plan, country))
        {
            problems.Add(new("Country", "Plans.Error.NotYourCountry"));
        }

        if (value is null || value < 0)
        {
            problems.Add(new("Value", "Plans.Error.Value"));
        }

        if (plan.Indicators.FirstOrDefault(i => i.Code == indicator) is { Linked: not null })
        {
            problems.Add(new("Value", "Plans.Error.LinkedValue"));
        }

        return problems.Count > 0 ? new PlanResult(problems, 0)
            : await ChangeAsync(new PlanUpdate(plan.Code, PlanUpdateKind.Value, indicator, Today) { Country = country, Value = value }, null, cancellationToken);
    }

    /// <summary>A linked indicator's actual value, as this node's statistics give it (<see cref="PlanValuePublisher"/>).</summary>
    public Task<PlanResult> SetLinkedValueAsync(ActionPlan plan, string indicator, string country, decimal value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return MaySpeakFor(plan, country)
            ? ChangeAsync(new PlanUpdate(plan.Code, PlanUpdateKind.Value, indicator, Today) { Country = country, Value = value }, null, cancellationToken)
            : Task.FromResult(new PlanResult([new("Country", "Plans.Error.NotYourCountry")], 0));
    }

    /// <summary>The hub speaks for any party; a country's node only for its own country, and only in plans it is party to.</summary>
    public bool MaySpeakFor(ActionPlan plan, string country)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.PartyList.Contains(country) && (node.Value.IsHub || country == node.Value.Country);
    }

    private Task<PlanResult> ChangeAsync(PlanUpdate update, string? fromCountry, CancellationToken cancellationToken) => ChangeAsync([update], fromCountry, cancellationToken);

    private async Task<PlanResult> ChangeAsync(IReadOnlyList<PlanUpdate> updates, string? fromCountry, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var update in updates)
        {
            var (outcome, plan) = await applier.ApplyAsync(update, Now, cancellationToken);
            if (outcome != PlanApplier.Applied || plan is null)
            {
                db.ChangeTracker.Clear();
                return new PlanResult([new("Plan", "Plans.Error.NotApplied")], 0);
            }

            sent += await sharing.QueueAsync(plan, update, fromCountry, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        sharing.Send();
        return new PlanResult([], sent);
    }

    /// <summary>Plans are defined by the regional secretariat on the hub, so every party holds the same plan.</summary>
    private void HubOnly(List<PlanProblem> problems)
    {
        if (!node.Value.IsHub)
        {
            problems.Add(new("Plan", "Plans.Error.HubOnly"));
        }
    }

    private static void Code(string? code, List<PlanProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(code) || !CodePattern().IsMatch(code.Trim()))
        {
            problems.Add(new("Code", "Plans.Error.Code"));
        }
    }

    private static void Text(string field, string? value, int max, List<PlanProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, "Plans.Error.Required"));
        }
        else if (value.Trim().Length > max)
        {
            problems.Add(new(field, "Plans.Error.TooLong"));
        }
    }
}
