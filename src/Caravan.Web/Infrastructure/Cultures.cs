using System.Globalization;

namespace Caravan.Web.Infrastructure;

/// <summary>The seven UI languages and how each names itself in the language picker.</summary>
public static class Cultures
{
    public static readonly IReadOnlyList<(string Code, string Endonym)> Supported =
    [
        ("uz", "Oʻzbekcha"),
        ("uz-Cyrl", "Ўзбекча"),
        ("ru", "Русский"),
        ("kk", "Қазақша"),
        ("ky", "Кыргызча"),
        ("tg", "Тоҷикӣ"),
        ("en", "English"),
    ];

    public static readonly IReadOnlyList<CultureInfo> All = Supported.Select(c => new CultureInfo(c.Code)).ToList();

    public static bool IsSupported(string? code) =>
        code is not null && Supported.Any(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
}
