using Caravan.Core.Data;

namespace Caravan.Core.Migrants;

/// <summary>Checks of what a person or an officer types into the registry. Each failure is a resource key.</summary>
public static class PersonInput
{
    public const int MaxNameLength = 100;
    public const int MinimumAge = 14;
    public const int MaxSkills = 20;
    public const int MaxSkillLength = 60;

    /// <summary>Languages the profile offers: the region's, its destinations' and a few common ones (ISO 639-1).</summary>
    public static readonly IReadOnlyList<string> LanguageCodes = ["uz", "ru", "kk", "ky", "tg", "tk", "en", "tr", "ko", "de", "ar", "zh", "pl", "fa"];

    public static readonly IReadOnlyList<string> LanguageLevels = ["A1", "A2", "B1", "B2", "C1", "C2", "Native"];

    /// <summary>A name part: letters of any script, with spaces, hyphens and the apostrophes Uzbek Latin uses.</summary>
    public static string? CheckName(string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? "Person.NameRequired" : null;
        }

        if (value.Trim().Length > MaxNameLength)
        {
            return "Person.NameTooLong";
        }

        foreach (var c in value.Trim())
        {
            if (!char.IsLetter(c) && c is not (' ' or '-' or '\'' or 'ʻ' or 'ʼ' or '‘' or '’' or '`' or '.'))
            {
                return "Person.NameCharacters";
            }
        }

        return null;
    }

    public static string? CheckBirthDate(DateOnly? value, DateOnly today)
    {
        if (value is not { } born)
        {
            return "Person.BirthDateRequired";
        }

        if (born > today)
        {
            return "Person.BirthDateFuture";
        }

        if (born.Year < 1900)
        {
            return "Person.BirthDateInvalid";
        }

        return born.AddYears(MinimumAge) > today ? "Person.TooYoung" : null;
    }

    /// <summary>Passport or ID number: 5 to 20 letters and digits once spaces and dashes are dropped.</summary>
    public static string? CheckDocument(string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? "Person.DocumentRequired" : null;
        }

        var normalised = SensitiveData.NormaliseDocumentNumber(value);
        return normalised.Length is < 5 or > 20 || normalised.Any(c => c > 127) ? "Person.DocumentFormat" : null;
    }

    public static bool TryParseDate(string? day, string? month, string? year, out DateOnly date)
    {
        date = default;
        return int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            && (date = new DateOnly(y, m, d)) != default;
    }
}
