using System.Globalization;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Vacancies;

public sealed class TranslationRow
{
    public string? Language { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
}

/// <summary>One cost row of the form, as typed.</summary>
public sealed class CostRow
{
    public string? Item { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; }
}

/// <summary>
/// An agency submits a vacancy. The same VacancyCommands as the bulk API validate it and run every check;
/// a fee over the node's policy, or any other critical finding, stops it here with the reason in the user's language.
/// </summary>
[Authorize(Roles = Roles.AgencyStaff)]
public sealed class SubmitModel(
    VacancyCommands commands, CaravanDbContext db, Catalogue catalogue, EmployerCommands employers, IStringLocalizer<SharedResource> localizer, TimeProvider time) : PageModel
{
    public const int CostRows = 5;

    public static readonly IReadOnlyList<string> Currencies = ["USD", "EUR", "RUB", "KZT", "KRW", "TRY", "AED", "UZS", "GBP", "PLN", "JPY", "ILS", "SAR", "QAR"];

    [BindProperty(Name = "agencyReference")]
    public string? AgencyReference { get; set; }

    [BindProperty(Name = "employer")]
    public string? Employer { get; set; }

    [BindProperty(Name = "iscoCode")]
    public string? IscoCode { get; set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "description")]
    public string? Description { get; set; }

    [BindProperty(Name = "textLanguage")]
    public string? TextLanguage { get; set; }

    [BindProperty(Name = "destinationCountry")]
    public string? DestinationCountry { get; set; }

    [BindProperty(Name = "city")]
    public string? City { get; set; }

    [BindProperty(Name = "positions")]
    public string? Positions { get; set; }

    [BindProperty(Name = "monthlyWage")]
    public string? MonthlyWage { get; set; }

    [BindProperty(Name = "wageCurrency")]
    public string? WageCurrency { get; set; }

    [BindProperty(Name = "hoursPerWeek")]
    public string? HoursPerWeek { get; set; }

    [BindProperty(Name = "contractMonths")]
    public string? ContractMonths { get; set; }

    [BindProperty(Name = "housingProvided")]
    public bool HousingProvided { get; set; }

    [BindProperty(Name = "mealsProvided")]
    public bool MealsProvided { get; set; }

    [BindProperty(Name = "transportProvided")]
    public bool TransportProvided { get; set; }

    [BindProperty(Name = "requiredLanguages")]
    public string? RequiredLanguages { get; set; }

    [BindProperty(Name = "requiredSkills")]
    public string? RequiredSkills { get; set; }

    [BindProperty(Name = "applicationDeadline")]
    public string? ApplicationDeadline { get; set; }

    [BindProperty(Name = "costs")]
    public List<CostRow> Costs { get; set; } = [];

    /// <summary>One optional translation of the title and description; the API takes up to six.</summary>
    [BindProperty(Name = "translations")]
    public List<TranslationRow> Translations { get; set; } = [];

    /// <summary>The seven languages of the node's pages, in the order the translation rows offer them.</summary>
    public static readonly IReadOnlyList<string> UiLanguages = ["ru", "uz", "uz-Cyrl", "kk", "ky", "tg", "en"];

    /// <summary>Languages by their own names, so each reader finds theirs whatever the page language.</summary>
    public static readonly IReadOnlyDictionary<string, string> LanguageNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["en"] = "English",
        ["ru"] = "Русский",
        ["uz"] = "Oʻzbekcha",
        ["uz-Cyrl"] = "Ўзбекча",
        ["kk"] = "Қазақша",
        ["ky"] = "Кыргызча",
        ["tg"] = "Тоҷикӣ",
        ["ko"] = "한국어",
        ["tr"] = "Türkçe",
        ["ar"] = "العربية",
    };

    public Agency Agency { get; private set; } = null!;

    public IReadOnlyList<ForeignEmployer> Employers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> CountryNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<VacancyCheck>? Checks { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/agencies/apply");
        }

        TextLanguage ??= CultureInfo.CurrentUICulture.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/agencies/apply");
        }

        var input = ToInput();
        if (!ModelState.IsValid)
        {
            // Name every other problem too, so one round trip shows them all.
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            foreach (var (field, key) in input.Validate(today, await catalogue.IscoUnitCodesAsync(cancellationToken), await catalogue.CurrencyCodesAsync(cancellationToken)))
            {
                if (ModelState[field] is not { Errors.Count: > 0 })
                {
                    ModelState.AddModelError(field, key);
                }
            }

            return Page();
        }

        var outcome = await commands.SubmitAsync(Agency.Id, input, cancellationToken);
        switch (outcome.Status)
        {
            case SubmitStatus.Submitted:
            case SubmitStatus.Duplicate:
                return Redirect($"/dashboard/agency/vacancies/{outcome.Vacancy!.Reference}");
            case SubmitStatus.Invalid:
                foreach (var (field, key) in outcome.Errors)
                {
                    ModelState.AddModelError(field, key);
                }

                return Page();
            case SubmitStatus.Blocked:
                Checks = outcome.Checks;
                foreach (var check in outcome.Checks.Where(c => c.Blocks))
                {
                    ModelState.AddModelError(VacancyFields.ForCheck(check.Code), FlagText.Explain(check.Flag!, localizer, CountryNames));
                }

                return Page();
            default:
                throw new InvalidOperationException("Unknown submit status.");
        }
    }

    private VacancyInput ToInput()
    {
        int? Int(string? text, string field, string key)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            ModelState.AddModelError(field, key);
            return null;
        }

        decimal? Amount(string? text, string field, string key)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (Formats.TryParseAmount(text, out var value))
            {
                return value;
            }

            ModelState.AddModelError(field, key);
            return null;
        }

        DateOnly? deadline = null;
        if (!string.IsNullOrWhiteSpace(ApplicationDeadline))
        {
            if (DateOnly.TryParseExact(ApplicationDeadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                deadline = d;
            }
            else
            {
                ModelState.AddModelError("applicationDeadline", "Vacancy.Error.Deadline");
            }
        }

        var costs = Costs.Take(CostRows).Select((c, i) => new CostInput(c.Item, Amount(c.Amount, $"costs[{i}].amount", "Vacancy.Error.CostAmount"), c.Currency)).ToList();
        return new VacancyInput
        {
            AgencyReference = AgencyReference,
            EmployerRegistrationId = Employer,
            IscoCode = IscoCode?.Trim(),
            Title = Title,
            Description = Description,
            TextLanguage = TextLanguage,
            DestinationCountry = DestinationCountry,
            City = City,
            Positions = Int(Positions, "positions", "Vacancy.Error.Positions"),
            MonthlyWage = Amount(MonthlyWage, "monthlyWage", "Vacancy.Error.Wage"),
            WageCurrency = WageCurrency,
            HoursPerWeek = Int(HoursPerWeek, "hoursPerWeek", "Vacancy.Error.Hours"),
            ContractMonths = Int(ContractMonths, "contractMonths", "Vacancy.Error.ContractMonths"),
            HousingProvided = HousingProvided,
            MealsProvided = MealsProvided,
            TransportProvided = TransportProvided,
            RequiredLanguages = RequiredLanguages,
            RequiredSkills = RequiredSkills,
            ApplicationDeadline = deadline,
            Costs = costs,
            Translations = [.. Translations.Take(VacancyInput.MaxTranslations).Select(t => new TranslationInput(t.Language, t.Title, t.Description))],
        };
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (User.GetAgencyId() is not { } agencyId)
        {
            return false;
        }

        Agency = await db.Set<Agency>().AsNoTracking().Include(a => a.Destinations).SingleAsync(a => a.Id == agencyId, cancellationToken);
        Employers = await employers.ForAgencyAsync(agencyId, cancellationToken);
        CountryNames = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        while (Costs.Count < CostRows)
        {
            Costs.Add(new CostRow());
        }

        // A row for each of the node's other languages, so an agency can publish in every language its readers use;
        // blank rows are dropped when the vacancy is read.
        foreach (var language in UiLanguages.Where(l => l != TextLanguage && Translations.All(t => t.Language != l)))
        {
            if (Translations.Count >= VacancyInput.MaxTranslations)
            {
                break;
            }

            Translations.Add(new TranslationRow { Language = language });
        }

        return true;
    }
}
