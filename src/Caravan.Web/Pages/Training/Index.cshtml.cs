using System.Globalization;
using Caravan.Core.Reference;
using Caravan.Core.Training;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Training;

/// <summary>The training catalogue: the coming sessions of every course, with free seats, by destination.</summary>
public sealed class IndexModel(TrainingQueries training, Catalogue catalogue) : PageModel
{
    [FromQuery(Name = "destination")]
    public string? Destination { get; set; }

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var destination = string.IsNullOrWhiteSpace(Destination) || Destination.Length != 2 ? null : Destination.ToUpperInvariant();
        Sessions = await training.UpcomingAsync(destination, cancellationToken);
    }

    /// <summary>"Rights and law: Russia", or the topic alone for a course for every destination.</summary>
    public static string CourseName(Course course, Microsoft.Extensions.Localization.IStringLocalizer l, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(l);
        var topic = l["CourseTopic." + course.Topic].Value;
        return course.DestinationCountry is { } d ? l["Training.CourseFor", topic, names?.GetValueOrDefault(d, d) ?? d].Value : topic;
    }
}
