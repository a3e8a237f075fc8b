using Caravan.Core.Agencies;

namespace Caravan.Core.Vacancies;

public enum VacancyStatus
{
    Draft,
    Published,
    Closed,
}

/// <summary>A job order: a foreign vacancy offered through a licensed agency.</summary>
public sealed class Vacancy
{
    private string title = string.Empty;
    private string description = string.Empty;
    private string city = string.Empty;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Reference { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public Guid EmployerId { get; set; }
    public ForeignEmployer? Employer { get; set; }
    public required string IscoCode { get; set; }
    public required string Title
    {
        get => title;
        set
        {
            title = value;
            RefreshSearchKey();
        }
    }

    public required string Description
    {
        get => description;
        set
        {
            description = value;
            RefreshSearchKey();
        }
    }

    /// <summary>Upper-cased title, description and city, for case-insensitive search in any script on both databases.</summary>
    public string SearchKey { get; private set; } = string.Empty;
    public required string DestinationCountry { get; set; }
    public required string City
    {
        get => city;
        set
        {
            city = value;
            RefreshSearchKey();
        }
    }
    public int Positions { get; set; }
    public decimal WageAmount { get; set; }
    public required string WageCurrency { get; set; }
    public int HoursPerWeek { get; set; }
    public int ContractMonths { get; set; }
    public bool HousingProvided { get; set; }
    public bool MealsProvided { get; set; }
    public bool TransportProvided { get; set; }
    public DateOnly ApplicationDeadline { get; set; }
    public VacancyStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedReason { get; set; }

    private void RefreshSearchKey() => SearchKey = $"{title} {city} {description}".ToUpperInvariant();
}
