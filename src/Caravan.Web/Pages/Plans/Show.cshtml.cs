using System.Globalization;
using System.Text;
using Caravan.Core.Coordination;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Plans;

/// <summary>
/// A shared plan and its progress: each activity with every party's lead, status and notes; each indicator's
/// baseline, target and actual values; each recommendation's follow-up. The page is the progress report: it prints
/// on its own, and downloads as CSV.
/// </summary>
[Authorize(Roles = PlanRoles.Readers)]
public sealed class ShowModel(PlanQueries plans, PlanCommands commands, PlanResend resend, Catalogue catalogue, IStringLocalizer<SharedResource> l, TimeProvider time, IOptions<NodeOptions> node) : PageModel
{
    public ActionPlan Plan { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public bool IsHub => node.Value.IsHub;

    public bool MayEdit => IsHub && (User.IsInRole(Caravan.Core.Identity.Roles.Secretariat) || User.IsInRole(Caravan.Core.Identity.Roles.Admin));

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Whether the signed-in person may report this party's part: its own officers, or the secretariat on the hub.</summary>
    public bool MayReport(string country) =>
        commands.MaySpeakFor(Plan, country) && (IsHub ? MayEdit : User.IsInRole(Caravan.Core.Identity.Roles.Officer) || User.IsInRole(Caravan.Core.Identity.Roles.Admin));

    public string Country(string code) => CountryNames.GetValueOrDefault(code, code);

    /// <summary>How many messages the last "send again" queued, shown once after the redirect.</summary>
    [TempData]
    public int? Resent { get; set; }

    /// <summary>The secretariat sends the whole plan again to every party's node.</summary>
    public async Task<IActionResult> OnPostResendAsync(string code, CancellationToken cancellationToken)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        var queued = await resend.ResendAsync(code, cancellationToken);
        if (queued is null)
        {
            return NotFound();
        }

        Resent = queued;
        return Redirect($"/plans/{Uri.EscapeDataString(code)}");
    }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>The progress report as one CSV table: a row per party's part, indicator value and follow-up.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "section", "code", "title", "country", "lead_or_meeting", "deadline", "status", "baseline", "target", "actual", "notes" })
            {
                csv.WriteField(header);
            }

            await csv.NextRecordAsync();
            async Task Row(params object?[] fields)
            {
                foreach (var field in fields)
                {
                    csv.WriteField(field switch { null => string.Empty, decimal d => d.ToString("0.####", CultureInfo.InvariantCulture), DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _ => field.ToString() });
                }

                await csv.NextRecordAsync();
            }

            foreach (var a in Plan.Activities.OrderBy(a => a.Code, StringComparer.Ordinal))
            {
                foreach (var p in a.Parts.OrderBy(p => p.Country, StringComparer.Ordinal))
                {
                    await Row("activity", a.Code, a.Title, p.Country, p.Lead, a.Deadline, PlanUpdate.WireName(p.Status), null, null, null, p.Notes);
                }
            }

            foreach (var i in Plan.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
            {
                foreach (var country in Plan.PartyList)
                {
                    await Row("indicator", i.Code, i.Title, country, null, null, null, i.Baseline, i.Target, i.Values.FirstOrDefault(v => v.Country == country)?.Actual, i.Linked);
                }
            }

            foreach (var r in Plan.Recommendations.OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                foreach (var f in r.FollowUps.OrderBy(f => f.Country, StringComparer.Ordinal))
                {
                    await Row("recommendation", r.Code, r.Text, f.Country, r.Meeting, null, PlanUpdate.WireName(f.Status), null, null, null, f.Notes);
                }
            }
        }

        // A byte-order mark, so spreadsheet programs read the Cyrillic and Uzbek text as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"{Plan.Code}-progress-{Today:yyyy-MM-dd}.csv");
    }

    /// <summary>Counts of activity parts by status, for the summary at the top of the report.</summary>
    public IReadOnlyList<(PlanStatus Status, int Count)> Summary() =>
        [.. Enum.GetValues<PlanStatus>().Select(s => (s, Plan.Activities.SelectMany(a => a.Parts).Count(p => p.Status == s))).Where(x => x.Item2 > 0)];

    public string Linked(string code) => l[$"Indicator.{code}.Name"];

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var plan = await plans.FindAsync(code, cancellationToken);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return true;
    }
}
