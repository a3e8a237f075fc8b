using System.Globalization;
using System.Text.Json;
using Caravan.Core.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Reference;

/// <summary>Loads ISO 3166, ISO 4217 and ISCO-08 from the files embedded in this assembly. Runs once per database.</summary>
public sealed class ReferenceDataSeeder(CaravanDbContext db)
{
    /// <summary>The UI languages whose country names are loaded.</summary>
    public static readonly IReadOnlyList<string> NameLanguages = ["en", "ru", "uz", "uz-Cyrl", "kk", "ky", "tg"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        // Each set is loaded when its table is empty, so a release that adds a set fills it on existing nodes too.
        if (!await db.Set<Country>().AnyAsync(cancellationToken))
        {
            await SeedCodesAsync(cancellationToken);
        }

        if (!await db.Set<IscoTitle>().AnyAsync(cancellationToken))
        {
            db.AddRange(ReadCsv("isco08_titles.csv", r => new IscoTitle
            {
                Code = r.GetField("code")!,
                Language = r.GetField("language")!,
                Title = r.GetField("title")!,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.Set<Agencies.ViolationType>().AnyAsync(cancellationToken))
        {
            db.AddRange(Agencies.InspectionCommands.Seed.Select(v => new Agencies.ViolationType
            {
                Code = v.Code,
                Title = v.Title,
                Severity = v.Severity,
                IsFeeViolation = v.IsFeeViolation,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.Set<MinimumWage>().AnyAsync(cancellationToken))
        {
            db.AddRange(ReadCsv("minimum_wages.csv", r => new MinimumWage
            {
                CountryCode = r.GetField("country")!,
                MonthlyAmount = r.GetField("monthly_amount") is { Length: > 0 } amount ? decimal.Parse(amount, CultureInfo.InvariantCulture) : null,
                Currency = r.GetField("currency")!,
                EffectiveFrom = DateOnly.Parse(r.GetField("effective_from")!, CultureInfo.InvariantCulture),
                Source = r.GetField("source")!,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.Set<ExchangeRate>().AnyAsync(cancellationToken))
        {
            var rates = ReadCsv("exchange_rates.csv", r => new ExchangeRate
            {
                Currency = r.GetField("currency")!,
                UnitsPerUsd = decimal.Parse(r.GetField("units_per_usd")!, CultureInfo.InvariantCulture),
                AsOf = DateOnly.Parse(r.GetField("as_of")!, CultureInfo.InvariantCulture),
                Source = r.GetField("source")!,
            });
            db.AddRange(rates);
            db.AddRange(rates.Select(ExchangeRateHistory.Of));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SeedCodesAsync(CancellationToken cancellationToken)
    {
        var countries = ReadCsv("iso3166-1_countries.csv", r => new Country
        {
            Alpha2 = r.GetField("alpha2")!,
            Alpha3 = r.GetField("alpha3")!,
            Numeric = r.GetField("numeric")!,
            NameEn = r.GetField("name")!,
        });
        var codes = countries.Select(c => c.Alpha2).ToHashSet(StringComparer.Ordinal);
        foreach (var language in NameLanguages)
        {
            var names = LoadCountryNames(language);
            foreach (var country in countries)
            {
                if (names.TryGetValue(country.Alpha2, out var name))
                {
                    country.Names.Add(new CountryName { CountryCode = country.Alpha2, Language = language, Name = name });
                }
            }
        }

        db.AddRange(countries);
        db.AddRange(ReadCsv("iso3166-2_subdivisions_selected.csv", r => new Subdivision
        {
            Code = r.GetField("code")!,
            CountryCode = r.GetField("country")!,
            ParentCode = NullIfEmptyOrCountry(r.GetField("parent"), r.GetField("country")),
            Name = r.GetField("name")!,
        }).Where(s => codes.Contains(s.CountryCode)));
        db.AddRange(ReadCsv("iso4217_currencies.csv", r => new Currency
        {
            Code = r.GetField("code")!,
            Number = r.GetField("number")!,
            MinorUnits = int.TryParse(r.GetField("digits"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0,
            Name = r.GetField("currency")!,
        }));
        db.AddRange(ReadCsv("isco08_structure_en.csv", r => new IscoGroup
        {
            Code = r.GetField("isco08_code")!,
            Level = int.Parse(r.GetField("level")!, CultureInfo.InvariantCulture),
            ParentCode = string.IsNullOrEmpty(r.GetField("parent_code")) ? null : r.GetField("parent_code"),
            TitleEn = r.GetField("title_en")!,
            Description = r.GetField("description_en"),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? NullIfEmptyOrCountry(string? parent, string? country) =>
        string.IsNullOrEmpty(parent) || parent == country ? null : parent;

    private static List<T> ReadCsv<T>(string file, Func<CsvReader, T> map)
    {
        using var stream = Open(file);
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            rows.Add(map(csv));
        }

        return rows;
    }

    /// <summary>CLDR names first; i18n-iso-countries fills the codes CLDR lacks.</summary>
    internal static Dictionary<string, string> LoadCountryNames(string language)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cldr = JsonDocument.Parse(Open($"cldr.territories-{language}.json")))
        {
            var territories = cldr.RootElement.GetProperty("main").GetProperty(language)
                .GetProperty("localeDisplayNames").GetProperty("territories");
            foreach (var t in territories.EnumerateObject())
            {
                if (t.Name.Length == 2 && char.IsAsciiLetterUpper(t.Name[0]))
                {
                    names[t.Name] = t.Value.GetString()!;
                }
            }
        }

        var fallbackFile = language == "uz-Cyrl" ? null : $"i18n.{language}.json";
        if (fallbackFile is not null)
        {
            using var i18n = JsonDocument.Parse(Open(fallbackFile));
            foreach (var c in i18n.RootElement.GetProperty("countries").EnumerateObject())
            {
                var value = c.Value.ValueKind == JsonValueKind.Array ? c.Value[0].GetString() : c.Value.GetString();
                if (value is not null)
                {
                    names.TryAdd(c.Name, value);
                }
            }
        }

        return names;
    }

    private static Stream Open(string file) =>
        typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream("Caravan.Reference." + file)
        ?? throw new InvalidOperationException($"Embedded reference file {file} is missing.");
}
