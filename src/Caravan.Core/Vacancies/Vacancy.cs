using Caravan.Core.Agencies;

namespace Caravan.Core.Vacancies;

public enum VacancyStatus
{
    Draft,

    /// <summary>Submitted by the agency, passed the fee policy, waiting for an officer.</summary>
    PendingApproval,
    Published,

    /// <summary>An officer refused to publish it, with reasons.</summary>
    Rejected,
    Closed,
}

/// <summary>A job order: a foreign vacancy offered through a licensed agency.</summary>
public sealed class Vacancy : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    private string title = string.Empty;
    private string description = string.Empty;
    private string city = string.Empty;
    private string iscoCode = string.Empty;
    private string destinationCountry = string.Empty;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Reference { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public Guid EmployerId { get; set; }
    public ForeignEmployer? Employer { get; set; }
    public required string IscoCode
    {
        get => iscoCode;
        set
        {
            iscoCode = value;
            searchKey = null;
        }
    }

    public required string Title
    {
        get => title;
        set
        {
            title = value;
            searchKey = null;
        }
    }

    public required string Description
    {
        get => description;
        set
        {
            description = value;
            searchKey = null;
        }
    }

    private string? searchKey;

    /// <summary>The tokens this vacancy is found by (<see cref="VacancySearchTerms"/>): words of its texts and levels of its
    /// occupation code, each also qualified by the destination. Indexed by GIN on PostgreSQL and FTS5 on SQLite.</summary>
    /// <remarks>Made when first read after a change, not at each setter: an object initializer sets five of its inputs.</remarks>
    public string SearchKey
    {
        get => searchKey ??= VacancySearchTerms.For(iscoCode, destinationCountry,
            [title, city, .. Translations.Select(t => t.Title), description, .. Translations.Select(t => t.Description)]);
        private set => searchKey = value;
    }
    public required string DestinationCountry
    {
        get => destinationCountry;
        set
        {
            destinationCountry = value;
            searchKey = null;
        }
    }

    public required string City
    {
        get => city;
        set
        {
            city = value;
            searchKey = null;
        }
    }
    public int Positions { get; set; }
    public decimal WageAmount { get; set; }
    public required string WageCurrency { get; set; }

    /// <summary>
    /// The wage in US cents at the node's rate table, kept so the public list can filter and sort by wage across
    /// currencies with an index. An integer because SQLite cannot compare or sort decimals; it is a comparison key,
    /// never an amount shown or paid. Recomputed when the administrator changes a rate; <see cref="VacancyWages.NoRate"/>
    /// while a rate is unknown. Nullable in the schema, but never written null (the WageKeyNoRate migration set the rows
    /// written before): NULL sorts first on one engine and last on the other.
    /// </summary>
    public long? WageUsdCents { get; set; } = VacancyWages.NoRate;

    /// <summary>True when the worker is charged nothing: no cost row at all. Kept for the "no fees" filter.</summary>
    public bool FeeFree { get; set; } = true;
    public int HoursPerWeek { get; set; }
    public int ContractMonths { get; set; }
    public bool HousingProvided { get; set; }
    public bool MealsProvided { get; set; }
    public bool TransportProvided { get; set; }
    public DateOnly ApplicationDeadline { get; set; }

    /// <summary>BCP 47 tag of the language the title and description are written in.</summary>
    public string? TextLanguage { get; set; }

    /// <summary>Languages the worker needs, and at what level, as the agency words it.</summary>
    public string? RequiredLanguages { get; set; }
    public string? RequiredSkills { get; set; }

    /// <summary>Every cost the worker is asked to pay, item by item. Empty means no cost to the worker.</summary>
    public List<VacancyCost> Costs { get; set; } = [];

    /// <summary>The title and description in further languages, searched like the main text.</summary>
    public List<VacancyTranslation> Translations { get; set; } = [];

    /// <summary>The agency's own reference, unique per agency: a repeated bulk submission finds the row it already made.</summary>
    public string? AgencyReference { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
    public VacancyStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedReason { get; set; }

    /// <summary>The title and description in the reader's language when the agency gave one, else the original.</summary>
    public (string Title, string Description, string? Language) TextFor(string language)
    {
        var t = Translations.FirstOrDefault(t => t.Language == language);
        return t is null ? (Title, Description, TextLanguage) : (t.Title, t.Description, t.Language);
    }

    public decimal TotalCostsIn(string currency) => Costs.Where(c => c.Currency == currency).Sum(c => c.Amount);

    /// <summary>Re-reads the translations into the search key; call after changing them.</summary>
    public void RefreshSearchKey()
    {
        searchKey = null;
        _ = SearchKey;
    }

    public const int MaxSearchKeyLength = 8000;
}

/// <summary>One cost charged to the worker: a fee, a deposit, a ticket, a medical check.</summary>
public sealed class VacancyCost
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VacancyId { get; set; }
    public required string Item { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
}

/// <summary>The vacancy's title and description in one more language.</summary>
public sealed class VacancyTranslation
{
    public Guid VacancyId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
}
