using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Pages.Migrants.Profile;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Pages.Applications;

/// <summary>Vacancies ranked for the signed-in migrant's profile, each with why it was recommended and what they did about it.</summary>
public sealed class MatchesModel(RegistryCommands registry, VacancyMatcher matcher, ApplicationQueries applications, ApplicationCommands commands, Catalogue catalogue)
    : MeModelBase(registry)
{
    public IReadOnlyList<VacancyMatch> Matches { get; private set; } = [];

    /// <summary>The person's applications by vacancy reference, so a match already applied to says so instead of offering to apply.</summary>
    public IReadOnlyDictionary<string, ApplicationRow> Applied { get; private set; } = new Dictionary<string, ApplicationRow>();

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> IscoTitles { get; private set; } = new Dictionary<string, string>();

    public bool UnderAge { get; private set; }

    public int MinimumAge => commands.MinimumAge;

    public bool ProfileEmpty => Person.Occupations.Count == 0 && Person.PreferredDestinations.Count == 0 && Person.WorkHistory.Count == 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        var language = CultureInfo.CurrentUICulture.Name;
        Matches = await matcher.TopAsync(Person, language, VacancyMatcher.DefaultCount, cancellationToken);
        Applied = (await applications.MineAsync(Person.Id, language, cancellationToken))
            .GroupBy(a => a.VacancyReference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        CountryNames = await catalogue.CountryNamesAsync(language, cancellationToken);
        IscoTitles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        UnderAge = Person.BirthDate is not { } born || ApplicationRules.AgeOn(born, DateOnly.FromDateTime(DateTime.UtcNow)) < MinimumAge;
        return Page();
    }

    public string Occupation(string? code) => code is null ? string.Empty : IscoTitles.GetValueOrDefault(code, code);

    public string Country(string? code) => code is null ? string.Empty : CountryNames.GetValueOrDefault(code, code);
}
