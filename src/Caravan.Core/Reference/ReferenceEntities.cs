namespace Caravan.Core.Reference;

/// <summary>An ISO 3166-1 country.</summary>
public sealed class Country
{
    public required string Alpha2 { get; set; }
    public required string Alpha3 { get; set; }
    public required string Numeric { get; set; }
    public required string NameEn { get; set; }
    public List<CountryName> Names { get; set; } = [];
}

/// <summary>A country's name in one UI language, from CLDR or i18n-iso-countries.</summary>
public sealed class CountryName
{
    public required string CountryCode { get; set; }
    public required string Language { get; set; }
    public required string Name { get; set; }
}

/// <summary>An ISO 3166-2 subdivision such as UZ-TK.</summary>
public sealed class Subdivision
{
    public required string Code { get; set; }
    public required string CountryCode { get; set; }
    public string? ParentCode { get; set; }
    public required string Name { get; set; }
}

/// <summary>An ISO 4217 currency.</summary>
public sealed class Currency
{
    public required string Code { get; set; }
    public required string Number { get; set; }
    public int MinorUnits { get; set; }
    public required string Name { get; set; }
}

/// <summary>An ISCO-08 group at any of its four levels.</summary>
public sealed class IscoGroup
{
    public required string Code { get; set; }
    public int Level { get; set; }
    public string? ParentCode { get; set; }
    public required string TitleEn { get; set; }
    public string? Description { get; set; }
}

/// <summary>An ISCO-08 group's title in one UI language other than English.</summary>
public sealed class IscoTitle
{
    public required string Code { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
}
