using System.Globalization;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caravan.Web.Pages.Migrants;

/// <summary>The departure form, shared by the migrant's page and the officer's, so both check the same things.</summary>
public sealed class DepartureForm
{
    public const int CostRows = 3;

    public string? Independent { get; set; }

    public string? AgencyLicence { get; set; }

    public string? Destination { get; set; }

    public string? City { get; set; }

    public string? EmployerName { get; set; }

    public string? Occupation { get; set; }

    public string? Wage { get; set; }

    public string? Currency { get; set; }

    public string? HoursPerWeek { get; set; }

    public string? ContractMonths { get; set; }

    public List<CostRow> Costs { get; set; } = [];

    public string? DateDay { get; set; }

    public string? DateMonth { get; set; }

    public string? DateYear { get; set; }

    public void Pad()
    {
        while (Costs.Count < CostRows)
        {
            Costs.Add(new CostRow());
        }
    }

    /// <summary>Reads the form against the reference tables (countries, currencies, ISCO unit groups).</summary>
    public async Task<DepartureInput?> ReadAsync(JourneyCommands journeys, Catalogue catalogue, ModelStateDictionary state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var countries = await catalogue.CountryNamesAsync("en", cancellationToken);
        return await ReadAsync(journeys, state, "Form.", countries.Keys.ToHashSet(), await catalogue.CurrencyCodesAsync(cancellationToken),
            await catalogue.IscoUnitCodesAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Reads the form into a departure; unreadable numbers become errors here, the rest is checked by JourneyCommands.</summary>
    public async Task<DepartureInput?> ReadAsync(JourneyCommands journeys, ModelStateDictionary state, string prefix, ISet<string> countries, ISet<string> currencies, ISet<string> iscoUnits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(state);
        var independent = Independent == "yes";
        if (Independent is not ("yes" or "no"))
        {
            state.AddModelError(prefix + nameof(Independent), "Journey.IndependentRequired");
        }

        Guid? agencyId = null;
        if (Independent == "no")
        {
            agencyId = await journeys.AgencyByLicenceAsync(AgencyLicence, cancellationToken);
            if (agencyId is null)
            {
                state.AddModelError(prefix + nameof(AgencyLicence), "Journey.AgencyRequired");
            }
        }

        decimal? wage = Formats.TryParseAmount(Wage, out var w) ? w : null;
        int? hours = int.TryParse(HoursPerWeek, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : null;
        int? months = int.TryParse(ContractMonths, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        DateOnly? date = PersonInput.TryParseDate(DateDay, DateMonth, DateYear, out var d) ? d : null;
        var costs = new List<DepartureCost>();
        foreach (var row in Costs.Take(CostRows))
        {
            if (string.IsNullOrWhiteSpace(row.Item) && string.IsNullOrWhiteSpace(row.Amount))
            {
                continue;
            }

            if (!Formats.TryParseAmount(row.Amount, out var amount))
            {
                state.AddModelError(prefix + "Costs", "Journey.CostInvalid");
                continue;
            }

            DateOnly? paidOn = null;
            if (!string.IsNullOrWhiteSpace(row.PaidOn))
            {
                if (!DateOnly.TryParseExact(row.PaidOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paid))
                {
                    state.AddModelError(prefix + "Costs", "Journey.CostPaidOnInvalid");
                    continue;
                }

                paidOn = paid;
            }

            costs.Add(new DepartureCost { Item = row.Item?.Trim() ?? string.Empty, Amount = amount, Currency = row.Currency ?? string.Empty, PaidOn = paidOn });
        }

        var input = new DepartureInput(Destination ?? string.Empty, City ?? string.Empty, independent, agencyId, null, EmployerName,
            string.IsNullOrWhiteSpace(Occupation) ? null : Occupation, wage, Currency, hours, months, costs, date);
        foreach (var (field, key) in journeys.Validate(input, countries, currencies, iscoUnits))
        {
            // The agency was already explained above, by licence number.
            if (field == "Agency" || state.ContainsKey(prefix + field) && state[prefix + field]!.Errors.Count > 0)
            {
                continue;
            }

            state.AddModelError(prefix + (field == "DepartureDate" ? "Date" : field), key);
        }

        return state.IsValid ? input : null;
    }

    /// <summary>
    /// The node's training rule on top of the form's own checks: null, with the reason on the destination field, when
    /// the destination needs a training certificate these records do not hold.
    /// </summary>
    public static async Task<DepartureInput?> WithTrainingRuleAsync(DepartureInput? input, Core.Training.DepartureRules rules, IReadOnlyCollection<Guid> personIds, ModelStateDictionary state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(state);
        if (input is null || !await rules.CertificateMissingAsync(personIds, input.Destination, cancellationToken))
        {
            return input;
        }

        state.AddModelError("Form.Destination", "Journey.CertificateRequired");
        return null;
    }

    public sealed class CostRow
    {
        public string? Item { get; set; }

        public string? Amount { get; set; }

        public string? Currency { get; set; }

        /// <summary>The day paid, as the browser's date input sends it (yyyy-MM-dd); optional.</summary>
        public string? PaidOn { get; set; }
    }
}

/// <summary>The return form: date, reason and the country returned from.</summary>
public sealed class ReturnForm
{
    public string? DateDay { get; set; }

    public string? DateMonth { get; set; }

    public string? DateYear { get; set; }

    public string? Reason { get; set; }

    public string? CountryFrom { get; set; }

    public async Task<(DateOnly Date, ReturnReason Reason, string Country)?> ReadAsync(Catalogue catalogue, ModelStateDictionary state, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var countries = await catalogue.CountryNamesAsync("en", cancellationToken);
        return Read(state, "Form.", countries.Keys.ToHashSet(), today);
    }

    public (DateOnly Date, ReturnReason Reason, string Country)? Read(ModelStateDictionary state, string prefix, ISet<string> countries, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(countries);
        if (!PersonInput.TryParseDate(DateDay, DateMonth, DateYear, out var date))
        {
            state.AddModelError(prefix + "Date", "Journey.DateRequired");
        }
        else if (date > today || date.Year < 1990)
        {
            state.AddModelError(prefix + "Date", "Journey.ReturnDateOutOfRange");
        }

        if (!Enum.TryParse<ReturnReason>(Reason, out var reason) || !Enum.IsDefined(reason))
        {
            state.AddModelError(prefix + nameof(Reason), "Journey.ReasonRequired");
        }

        if (CountryFrom is null || !countries.Contains(CountryFrom))
        {
            state.AddModelError(prefix + nameof(CountryFrom), "Journey.CountryRequired");
        }

        return state.IsValid ? (date, reason, CountryFrom!) : null;
    }
}

/// <summary>FixedAgency: an agency records its own placement, so how the job was found and which agency are not asked.</summary>
public sealed record DepartureFormView(DepartureForm Form, IEnumerable<KeyValuePair<string, string>> Countries, IEnumerable<KeyValuePair<string, string>> Occupations, IEnumerable<string> Currencies, bool FixedAgency = false)
{
    /// <summary>
    /// The lists in the reader's language. Occupations: the person's own (migrant, agency) or every unit group
    /// (officer); destinations: any country, or those agencies serve.
    /// </summary>
    public static async Task<DepartureFormView> CreateAsync(Catalogue catalogue, DepartureForm form, IReadOnlyCollection<string>? occupations, IReadOnlyCollection<string>? destinations, bool fixedAgency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var language = CultureInfo.CurrentUICulture.Name;
        var countries = await catalogue.CountryNamesAsync(language, cancellationToken);
        var titles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        var units = occupations ?? [.. (await catalogue.IscoUnitCodesAsync(cancellationToken)).Order(StringComparer.Ordinal)];
        return new DepartureFormView(
            form,
            countries.Where(c => destinations is null || destinations.Contains(c.Key)).OrderBy(c => c.Value),
            units.Select(o => new KeyValuePair<string, string>(o, occupations is null ? $"{o} {titles.GetValueOrDefault(o, o)}" : titles.GetValueOrDefault(o, o))),
            (await catalogue.CurrencyCodesAsync(cancellationToken)).Order(StringComparer.Ordinal),
            fixedAgency);
    }
}

public sealed record ReturnFormView(ReturnForm Form, IEnumerable<KeyValuePair<string, string>> Countries)
{
    public static async Task<ReturnFormView> CreateAsync(Catalogue catalogue, ReturnForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var countries = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return new ReturnFormView(form, countries.OrderBy(c => c.Value));
    }
}
