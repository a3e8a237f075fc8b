using System.Globalization;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Training.Manage;

/// <summary>Plans a session or changes one: course, centre, date and time (UTC), language, seats and its trainer.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class SessionModel(TrainingPlanning planning, TrainingQueries training, Catalogue catalogue, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public Guid? CourseId { get; set; }

    [BindProperty]
    public Guid? CentreId { get; set; }

    [BindProperty]
    public string? StartsDay { get; set; }

    [BindProperty]
    public string? StartsMonth { get; set; }

    [BindProperty]
    public string? StartsYear { get; set; }

    [BindProperty]
    public string? StartsTime { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? Capacity { get; set; }

    [BindProperty]
    public Guid? TrainerId { get; set; }

    [BindProperty]
    public Guid? Version { get; set; }

    public Guid? Id { get; private set; }

    public SessionView? Existing { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Courses { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Centres { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Trainers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Existing = await training.SessionAsync(existing, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }

            var s = Existing.Session;
            (Id, CourseId, CentreId, Language, TrainerId, Version) = (s.Id, s.CourseId, s.CentreId, s.Language, s.TrainerId, s.Version);
            (StartsDay, StartsMonth, StartsYear) = (S(s.StartsAt.Day), S(s.StartsAt.Month), S(s.StartsAt.Year));
            StartsTime = s.StartsAt.ToString("HH:mm", CultureInfo.InvariantCulture);
            Capacity = S(s.Capacity);
        }
        else
        {
            Capacity = "20";
            StartsTime = "10:00";
        }

        await OptionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        DateTime? startsAt = null;
        if (int.TryParse(StartsDay, CultureInfo.InvariantCulture, out var day) && int.TryParse(StartsMonth, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(StartsYear, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100 && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && TimeOnly.TryParseExact(StartsTime?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            startsAt = new DateOnly(year, month, day).ToDateTime(at, DateTimeKind.Utc);
        }

        var capacity = int.TryParse(Capacity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seats) ? seats : (int?)null;
        var result = await planning.SaveSessionAsync(id, Version, new SessionPlan(CourseId, CentreId, startsAt, Language, capacity, TrainerId), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/training/manage");
        }

        if (result.Errors.Any(e => e.Error == "Training.Plan.NotFound"))
        {
            return NotFound();
        }

        foreach (var (field, error) in result.Errors)
        {
            // The date, day to time, is one field on the page.
            ModelState.AddModelError(field == "StartsAt" ? "Starts" : field, error);
        }

        if (id is { } existing)
        {
            Existing = await training.SessionAsync(existing, cancellationToken);
        }

        await OptionsAsync(cancellationToken);
        return Page();
    }

    private async Task OptionsAsync(CancellationToken cancellationToken)
    {
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Courses = [.. (await planning.CoursesAsync(cancellationToken)).Select(c => KeyValuePair.Create(c.Id.ToString(), Caravan.Web.Pages.Training.IndexModel.CourseName(c, l, names)))];
        Centres = [.. (await planning.CentresAsync(cancellationToken)).Select(c => KeyValuePair.Create(c.Id.ToString(), $"{c.Name}, {c.City}"))];
        Trainers = [.. (await planning.TrainersAsync(cancellationToken)).Select(t => KeyValuePair.Create(t.Id.ToString(), t.Name))];
    }

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);
}
