using Caravan.Core.Reference;
using Caravan.Core.Vacancies;

namespace Caravan.Core.Tests.Vacancies;

public class VacancyInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly HashSet<string> Isco = ["7212", "8211"];
    private static readonly HashSet<string> Currencies = ["KRW", "USD"];

    private static VacancyInput Valid() => new()
    {
        EmployerRegistrationId = "KR-1",
        IscoCode = "7212",
        Title = "Welder",
        Description = "Welding of steel frames in a car parts plant.",
        TextLanguage = "en",
        DestinationCountry = "KR",
        City = "Ansan",
        Positions = 3,
        MonthlyWage = 2_400_000m,
        WageCurrency = "KRW",
        HoursPerWeek = 48,
        ContractMonths = 34,
        ApplicationDeadline = Today.AddDays(30),
    };

    [Fact]
    public void A_complete_vacancy_has_no_errors() => Valid().Validate(Today, Isco, Currencies).ShouldBeEmpty();

    [Fact]
    public void Each_bad_field_is_named_with_its_message_key()
    {
        var input = Valid() with
        {
            IscoCode = "72",
            Positions = 0,
            ApplicationDeadline = Today.AddDays(-1),
            Costs = [new CostInput("", -1m, "XXX")],
            Translations = [new TranslationInput("en", "Welder", "Too short")],
        };
        var fields = input.Validate(Today, Isco, Currencies).ToDictionary(e => e.Field, e => e.Key);
        fields["iscoCode"].ShouldBe("Vacancy.Error.Isco");
        fields["positions"].ShouldBe("Vacancy.Error.Positions");
        fields["applicationDeadline"].ShouldBe("Vacancy.Error.Deadline");
        fields["costs[0].item"].ShouldBe("Vacancy.Error.CostItem");
        fields["costs[0].amount"].ShouldBe("Vacancy.Error.CostAmount");
        fields["costs[0].currency"].ShouldBe("Vacancy.Error.Currency");
        // A translation in the text's own language is refused, as is a too-short description.
        fields["translations[0].language"].ShouldBe("Vacancy.Error.Language");
        fields["translations[0].description"].ShouldBe("Vacancy.Error.Description");
    }

    [Fact]
    public void Wages_in_any_currency_become_one_comparable_key_in_us_cents()
    {
        var rates = new Dictionary<string, ExchangeRate>
        {
            ["KRW"] = new() { Currency = "KRW", UnitsPerUsd = 1450m, Source = "test" },
            ["USD"] = new() { Currency = "USD", UnitsPerUsd = 1m, Source = "test" },
        };
        VacancyWages.ToCents(2_900_000m, "KRW", rates).ShouldBe(200_000);
        VacancyWages.ToCents(2_000m, "USD", rates).ShouldBe(200_000);
        // No rate: below every real wage, so it sorts last and fails any wage filter (VacancyFiltersTests).
        VacancyWages.ToCents(100m, "RUB", rates).ShouldBe(VacancyWages.NoRate);
        VacancyWages.ToCents(1m, "USD", rates).ShouldBeGreaterThan(VacancyWages.NoRate);
    }
}
