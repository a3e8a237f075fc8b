using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Caravan.Web.Tests.Resources;

/// <summary>Every UI string exists, and is really translated, in every language.</summary>
public partial class ResourceCompletenessTests
{
    public static readonly TheoryData<string> Languages = new(["ru", "uz", "uz-Cyrl", "kk", "ky", "tg"]);

    // Values that are legitimately the same in every language: pure placeholders and proper names.
    private static readonly HashSet<string> SameEverywhere = new(StringComparer.Ordinal) { "Layout.NodeOf" };

    // Strings whose examples are Latin-script proper names or codes (an agency name, a licence number, a credential code).
    private static readonly HashSet<string> ExamplesInLatin = new(StringComparer.Ordinal) { "Agencies.Search.Hint", "Verify.Hint" };

    private static readonly string Folder = FindResources();

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_is_present_and_not_empty(string language)
    {
        var english = Load(null);
        var translated = Load(language);
        english.Keys.Except(translated.Keys).ShouldBeEmpty($"keys missing in {language}");
        translated.Keys.Except(english.Keys).ShouldBeEmpty($"keys in {language} that English lacks");
        translated.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_value_merely_repeats_the_English(string language)
    {
        var english = Load(null);
        var copies = Load(language)
            .Where(kv => !SameEverywhere.Contains(kv.Key) && english.TryGetValue(kv.Key, out var en) && en == kv.Value)
            .Select(kv => kv.Key)
            .ToList();
        copies.ShouldBeEmpty($"untranslated in {language}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Placeholders_survive_translation(string language)
    {
        var english = Load(null);
        foreach (var (key, value) in Load(language))
        {
            var expected = Placeholder().Matches(english[key]).Select(m => m.Value).Order(StringComparer.Ordinal);
            Placeholder().Matches(value).Select(m => m.Value).Order(StringComparer.Ordinal).ShouldBe(expected, $"{language} {key}");
        }
    }

    [Theory]
    [InlineData("uz-Cyrl")]
    [InlineData("kk")]
    [InlineData("ky")]
    [InlineData("tg")]
    [InlineData("ru")]
    public void Cyrillic_languages_are_written_in_Cyrillic(string language)
    {
        var latinHeavy = Load(language)
            .Where(kv => !ExamplesInLatin.Contains(kv.Key))
            .Where(kv => kv.Value.Count(char.IsAsciiLetter) > kv.Value.Count(char.IsLetter) / 2 && kv.Value.Count(char.IsLetter) > 3)
            .Select(kv => kv.Key)
            .ToList();
        latinHeavy.ShouldBeEmpty();
    }

    [Fact]
    public void Uzbek_Latin_is_not_Cyrillic()
    {
        Load("uz").Values.Where(v => v.Any(c => c is >= '\u0400' and <= '\u04FF')).ShouldBeEmpty();
    }

    [Fact]
    public void Every_key_used_in_pages_exists()
    {
        var keys = Load(null).Keys.ToHashSet(StringComparer.Ordinal);
        var web = Path.GetFullPath(Path.Combine(Folder, ".."));
        var used = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        used.Count.ShouldBeGreaterThan(100);
        used.Where(k => !keys.Contains(k)).ShouldBeEmpty();
    }

    internal static Dictionary<string, string> Load(string? language)
    {
        var file = Path.Combine(Folder, language is null ? "SharedResource.resx" : $"SharedResource.{language}.resx");
        File.Exists(file).ShouldBeTrue($"{file} is missing");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);
    }

    private static string FindResources()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caravan.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Caravan.sln not found"), "src", "Caravan.Web", "Resources");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // L["Key"] in views and "Validation.X"-style keys passed as messages.
    [GeneratedRegex("(?:L\\[\"|ErrorMessage = \"|AddModelError\\([^,]+, \")([A-Z][A-Za-z]+\\.[A-Za-z0-9.]+[A-Za-z0-9])\"")]
    private static partial Regex UsedKey();
}
