using System.Globalization;

namespace Caravan.Core.Vacancies;

/// <summary>One cost the worker is asked to pay, as an agency enters it.</summary>
public sealed record CostInput(string? Item, decimal? Amount, string? Currency);

/// <summary>The title and description in one more language.</summary>
public sealed record TranslationInput(string? Language, string? Title, string? Description);

/// <summary>
/// A vacancy as an agency submits it, from the form, a JSON body or a CSV row. Validate() names each bad field
/// with a resource key, so every channel reports the same errors in the user's language.
/// </summary>
public sealed record VacancyInput
{
    public const int MaxCosts = 20;
    public const int MaxTranslations = 6;
    public const int MaxPositions = 10_000;
    public const decimal MaxWage = 1_000_000_000m;

    /// <summary>BCP 47 tags a vacancy text may be written in: the seven UI languages plus those of the main destinations.</summary>
    public static readonly IReadOnlyList<string> TextLanguages = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg", "ko", "tr", "ar"];

    public string? AgencyReference { get; init; }
    public string? EmployerRegistrationId { get; init; }
    public string? IscoCode { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? TextLanguage { get; init; }
    public string? DestinationCountry { get; init; }
    public string? City { get; init; }
    public int? Positions { get; init; }
    public decimal? MonthlyWage { get; init; }
    public string? WageCurrency { get; init; }
    public int? HoursPerWeek { get; init; }
    public int? ContractMonths { get; init; }
    public bool HousingProvided { get; init; }
    public bool MealsProvided { get; init; }
    public bool TransportProvided { get; init; }
    public string? RequiredLanguages { get; init; }
    public string? RequiredSkills { get; init; }
    public DateOnly? ApplicationDeadline { get; init; }

    // JSON may send null for a list or for one of its rows (found by fuzzing the bulk API, where it was a 500); a null
    // list is no rows and a null row is a blank one, so each is checked, and reported at its index, like any other.
    public IReadOnlyList<CostInput> Costs { get; init => field = value is null ? [] : [.. value.Select(c => c ?? new CostInput(null, null, null))]; } = [];
    public IReadOnlyList<TranslationInput> Translations { get; init => field = value is null ? [] : [.. value.Select(t => t ?? new TranslationInput(null, null, null))]; } = [];

    private IEnumerable<(string Field, string? Value)> TextFields()
    {
        yield return ("employer", EmployerRegistrationId);
        yield return ("title", Title);
        yield return ("description", Description);
        yield return ("city", City);
        yield return ("requiredLanguages", RequiredLanguages);
        yield return ("requiredSkills", RequiredSkills);
        for (var i = 0; i < Costs.Count; i++)
        {
            yield return ($"costs[{i}].item", Costs[i].Item);
        }

        for (var i = 0; i < Translations.Count; i++)
        {
            yield return ($"translations[{i}].title", Translations[i].Title);
            yield return ($"translations[{i}].description", Translations[i].Description);
        }
    }

    /// <summary>Field name and resource key of every problem; empty when the input is complete and well-formed.</summary>
    public IReadOnlyList<(string Field, string Key)> Validate(DateOnly today, ISet<string> iscoUnits, ISet<string> currencies)
    {
        ArgumentNullException.ThrowIfNull(iscoUnits);
        ArgumentNullException.ThrowIfNull(currencies);
        var errors = new List<(string, string)>();
        void Need(bool ok, string field, string key)
        {
            if (!ok)
            {
                errors.Add((field, key));
            }
        }

        Need(AgencyReference is null || (AgencyReference.Trim().Length is > 0 and <= 60 && !AgencyReference.Any(char.IsControl)), "agencyReference", "Vacancy.Error.AgencyReference");
        // PostgreSQL stores no NUL in text: refused here, at its field, rather than by the database for the whole upload
        // (found by the 10,000-input fuzz run of the bulk API).
        foreach (var (field, value) in TextFields())
        {
            Need(value is null || !value.Contains('\0', StringComparison.Ordinal), field, "Validation.InvalidValue");
        }

        Need(!string.IsNullOrWhiteSpace(EmployerRegistrationId), "employer", "Vacancy.Error.Employer");
        Need(IscoCode is { Length: 4 } && iscoUnits.Contains(IscoCode), "iscoCode", "Vacancy.Error.Isco");
        Need(Title?.Trim().Length is >= 3 and <= 200, "title", "Vacancy.Error.Title");
        Need(Description?.Trim().Length is >= 20 and <= 4000, "description", "Vacancy.Error.Description");
        Need(TextLanguage is not null && TextLanguages.Contains(TextLanguage), "textLanguage", "Vacancy.Error.Language");
        Need(DestinationCountry is { Length: 2 } && DestinationCountry.All(char.IsAsciiLetterUpper), "destinationCountry", "Vacancy.Error.Destination");
        Need(City?.Trim().Length is >= 1 and <= 100, "city", "Vacancy.Error.City");
        Need(Positions is >= 1 and <= MaxPositions, "positions", "Vacancy.Error.Positions");
        Need(MonthlyWage is > 0 and <= MaxWage, "monthlyWage", "Vacancy.Error.Wage");
        Need(WageCurrency is not null && currencies.Contains(WageCurrency), "wageCurrency", "Vacancy.Error.Currency");
        Need(HoursPerWeek is >= 1 and <= 84, "hoursPerWeek", "Vacancy.Error.Hours");
        Need(ContractMonths is >= 1 and <= 60, "contractMonths", "Vacancy.Error.ContractMonths");
        Need(RequiredLanguages is null || RequiredLanguages.Length <= 300, "requiredLanguages", "Validation.TooLong");
        Need(RequiredSkills is null || RequiredSkills.Length <= 1000, "requiredSkills", "Validation.TooLong");
        Need(ApplicationDeadline is { } d && d >= today && d <= today.AddDays(366), "applicationDeadline", "Vacancy.Error.Deadline");
        Need(Costs.Count <= MaxCosts, "costs", "Vacancy.Error.TooManyCosts");
        for (var i = 0; i < Costs.Count && i < MaxCosts; i++)
        {
            var c = Costs[i];
            Need(c.Item?.Trim().Length is >= 2 and <= 120, $"costs[{i}].item", "Vacancy.Error.CostItem");
            Need(c.Amount is > 0 and <= MaxWage, $"costs[{i}].amount", "Vacancy.Error.CostAmount");
            Need(c.Currency is not null && currencies.Contains(c.Currency), $"costs[{i}].currency", "Vacancy.Error.Currency");
        }

        Need(Translations.Count <= MaxTranslations, "translations", "Vacancy.Error.TooManyTranslations");
        for (var i = 0; i < Translations.Count && i < MaxTranslations; i++)
        {
            var t = Translations[i];
            Need(t.Language is not null && TextLanguages.Contains(t.Language) && t.Language != TextLanguage
                && Translations.Count(o => o.Language == t.Language) == 1, $"translations[{i}].language", "Vacancy.Error.Language");
            Need(t.Title?.Trim().Length is >= 3 and <= 200, $"translations[{i}].title", "Vacancy.Error.Title");
            Need(t.Description?.Trim().Length is >= 20 and <= 4000, $"translations[{i}].description", "Vacancy.Error.Description");
        }

        return errors;
    }

    public string AllText() =>
        string.Join('\n', new[] { Title, Description }.Concat(Translations.SelectMany(t => new[] { t.Title, t.Description })).Where(x => x is not null));

    public static string Show(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
