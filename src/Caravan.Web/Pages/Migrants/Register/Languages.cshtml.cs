using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Migrants.Register;

/// <summary>Languages with levels and past work abroad or at home, as a fixed number of rows so no script is needed.</summary>
public sealed class LanguagesModel(RegistryCommands registry, IOptions<NodeOptions> node, Catalogue catalogue) : RegistrationStepModel(registry, node)
{
    public const int Rows = 3;

    [BindProperty]
    public List<LanguageRow> Languages { get; set; } = [];

    [BindProperty]
    public List<WorkRow> Work { get; set; } = [];

    public IReadOnlyDictionary<string, string> Countries { get; private set; } = new Dictionary<string, string>();

    protected override string StepName => RegistrationSteps.Languages;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        Languages = [.. Person.Languages.Select(l => new LanguageRow { Code = l.Code, Level = l.Level })];
        Work = [.. Person.WorkHistory.Select(w => new WorkRow
        {
            Country = w.Country,
            Occupation = w.Occupation,
            Employer = w.Employer,
            FromYear = w.FromYear.ToString(CultureInfo.InvariantCulture),
            ToYear = w.ToYear?.ToString(CultureInfo.InvariantCulture),
        })];
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        var languages = new List<PersonLanguage>();
        for (var i = 0; i < Languages.Count && i < Rows; i++)
        {
            var row = Languages[i];
            if (row.Code is null && row.Level is null)
            {
                continue;
            }

            if (row.Code is null || !PersonInput.LanguageCodes.Contains(row.Code) || row.Level is null || !PersonInput.LanguageLevels.Contains(row.Level))
            {
                ModelState.AddModelError($"Languages[{i}].Code", "Person.LanguageInvalid");
                continue;
            }

            if (languages.All(l => l.Code != row.Code))
            {
                languages.Add(new PersonLanguage { Code = row.Code, Level = row.Level });
            }
        }

        var year = Registry.Today.Year;
        var history = new List<WorkHistoryEntry>();
        for (var i = 0; i < Work.Count && i < Rows; i++)
        {
            var row = Work[i];
            if (row.Country is null && string.IsNullOrWhiteSpace(row.Occupation) && string.IsNullOrWhiteSpace(row.FromYear))
            {
                continue;
            }

            var from = int.TryParse(row.FromYear, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
            int? to = string.IsNullOrWhiteSpace(row.ToYear) ? null : int.TryParse(row.ToYear, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
            if (row.Country is null || !Countries.ContainsKey(row.Country) || from < 1950 || from > year || to is not null && (to < from || to > year)
                || (row.Occupation?.Length ?? 0) > 100 || (row.Employer?.Length ?? 0) > 100)
            {
                ModelState.AddModelError($"Work[{i}].Country", "Person.WorkInvalid");
                continue;
            }

            history.Add(new WorkHistoryEntry { Country = row.Country, Occupation = Clean(row.Occupation), Employer = Clean(row.Employer), FromYear = from, ToYear = to });
        }

        if (!ModelState.IsValid)
        {
            Pad();
            return Page();
        }

        await ChangeFieldAsync(PersonFields.Languages, Describe(Person.Languages), Describe(languages), p => p.Languages = languages, cancellationToken);
        await ChangeFieldAsync(PersonFields.WorkHistory, Describe(Person.WorkHistory), Describe(history), p => p.WorkHistory = history, cancellationToken);
        return await SaveAndContinueAsync(cancellationToken);
    }

    private static string Describe(IEnumerable<PersonLanguage> languages) => string.Join(", ", languages.Select(l => $"{l.Code} {l.Level}"));

    private static string Describe(IEnumerable<WorkHistoryEntry> work) =>
        string.Join("; ", work.Select(w => $"{w.Country} {w.FromYear}-{w.ToYear} {w.Occupation} {w.Employer}".Trim()));

    private void Pad()
    {
        while (Languages.Count < Rows)
        {
            Languages.Add(new LanguageRow());
        }

        while (Work.Count < Rows)
        {
            Work.Add(new WorkRow());
        }
    }

    public sealed class LanguageRow
    {
        public string? Code { get; set; }

        public string? Level { get; set; }
    }

    public sealed class WorkRow
    {
        public string? Country { get; set; }

        public string? Occupation { get; set; }

        public string? Employer { get; set; }

        public string? FromYear { get; set; }

        public string? ToYear { get; set; }
    }
}
