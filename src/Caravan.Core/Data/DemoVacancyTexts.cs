namespace Caravan.Core.Data;

/// <summary>Russian and Uzbek (Latin) titles, descriptions and city names for the demo vacancies in DemoSeeder.</summary>
internal static class DemoVacancyTexts
{
    /// <summary>The languages given, in order: Russian, then Uzbek in the Latin alphabet.</summary>
    public static readonly IReadOnlyList<string> Languages = ["ru", "uz"];

    /// <summary>The job title per ISCO code of the demo vacancies, per language.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Titles =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["7112"] = Pair("Каменщик", "Gʻisht teruvchi"),
            ["7115"] = Pair("Плотник-опалубщик", "Duradgor (qolip ishlari)"),
            ["7114"] = Pair("Бетонщик", "Betonchi"),
            ["9313"] = Pair("Разнорабочий (строительство)", "Qurilishda yordamchi ishchi"),
            ["7126"] = Pair("Сантехник", "Santexnik"),
            ["7411"] = Pair("Электромонтажник", "Elektr montajchisi"),
            ["8332"] = Pair("Водитель грузовика", "Yuk mashinasi haydovchisi"),
            ["4321"] = Pair("Кладовщик", "Omborchi"),
            ["8344"] = Pair("Водитель погрузчика", "Yuklagich haydovchisi"),
            ["9333"] = Pair("Грузчик", "Yukchi"),
            ["6111"] = Pair("Овощевод", "Sabzavotkor"),
            ["9211"] = Pair("Полевой рабочий", "Dehqonchilik ishchisi"),
            ["8341"] = Pair("Тракторист", "Traktorchi"),
            ["6121"] = Pair("Животновод", "Chorvador"),
            ["7233"] = Pair("Механик сельхозтехники", "Qishloq xoʻjaligi texnikasi mexanigi"),
            ["7212"] = Pair("Сварщик", "Payvandchi"),
            ["8211"] = Pair("Сборщик на конвейере (машиностроение)", "Konveyerda yigʻuvchi (mashinasozlik)"),
            ["7223"] = Pair("Наладчик станков с ЧПУ", "CNC dastgohlari sozlovchisi"),
            ["8142"] = Pair("Оператор оборудования по производству пластмассовых изделий", "Plastmassa buyumlari ishlab chiqarish uskunasi operatori"),
            ["9329"] = Pair("Разнорабочий (производство)", "Ishlab chiqarishda yordamchi ishchi"),
            ["8153"] = Pair("Оператор швейного оборудования", "Tikuv mashinasi operatori"),
            ["7531"] = Pair("Портной", "Tikuvchi"),
            ["8151"] = Pair("Оператор прядильного оборудования", "Yigiruv mashinasi operatori"),
            ["7318"] = Pair("Контролёр качества текстильной продукции", "Toʻqimachilik mahsulotlari sifat nazoratchisi"),
            ["5120"] = Pair("Повар", "Oshpaz"),
            ["5131"] = Pair("Официант", "Ofitsiant"),
            ["9112"] = Pair("Уборщик помещений в гостинице", "Mehmonxona farroshi"),
            ["5151"] = Pair("Супервайзер службы хаускипинга", "Xonalar xizmati nazoratchisi"),
            ["9412"] = Pair("Кухонный рабочий", "Oshxona yordamchisi"),
            ["4224"] = Pair("Администратор гостиницы", "Mehmonxona administratori"),
        };

    /// <summary>The name of each demo vacancy city (by its English name) per language.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Cities =
        new(StringComparer.Ordinal)
        {
            ["Moscow"] = Pair("Москва", "Moskva"),
            ["Tver"] = Pair("Тверь", "Tver"),
            ["Saint Petersburg"] = Pair("Санкт-Петербург", "Sankt-Peterburg"),
            ["Kazan"] = Pair("Казань", "Qozon"),
            ["Yekaterinburg"] = Pair("Екатеринбург", "Yekaterinburg"),
            ["Almaty"] = Pair("Алматы", "Olmaota"),
            ["Almaty Region"] = Pair("Алматинская область", "Olmaota viloyati"),
            ["Taldykorgan"] = Pair("Талдыкорган", "Taldiqoʻrgʻon"),
            ["Kostanay"] = Pair("Костанай", "Qoʻstanay"),
            ["Astana"] = Pair("Астана", "Astana"),
            ["Ansan"] = Pair("Ансан", "Ansan"),
            ["Hwaseong"] = Pair("Хвасон", "Xvason"),
            ["Suwon"] = Pair("Сувон", "Suvon"),
            ["Pyeongtaek"] = Pair("Пхёнтхэк", "Pxyontxek"),
            ["Gimpo"] = Pair("Кимпхо", "Gimpo"),
            ["Istanbul"] = Pair("Стамбул", "Istanbul"),
            ["Bursa"] = Pair("Бурса", "Bursa"),
            ["Denizli"] = Pair("Денизли", "Denizli"),
            ["Dubai"] = Pair("Дубай", "Dubay"),
            ["Abu Dhabi"] = Pair("Абу-Даби", "Abu-Dabi"),
            ["Sharjah"] = Pair("Шарджа", "Shorja"),
        };

    /// <summary>The description in the language, from the translated title, the employer name as is, and the city (English or already localised).</summary>
    public static string Description(string language, string title, string employer, string city) => language switch
    {
        "ru" => $"{title} — работа в компании «{employer}», {City(language, city)}. Письменный трудовой договор на русском и узбекском языках. Заработная плата выплачивается ежемесячно на банковскую карту. Медицинскую страховку оплачивает работодатель. С работника не взимается никаких сборов.",
        "uz" => $"{title} — «{employer}» kompaniyasida ish, {City(language, city)}. Mehnat shartnomasi rus va oʻzbek tillarida yozma ravishda tuziladi. Ish haqi har oy bank kartasiga toʻlanadi. Tibbiy sugʻurta ish beruvchi hisobidan taʼminlanadi. Ishchidan hech qanday toʻlov olinmaydi.",
        _ => throw new ArgumentOutOfRangeException(nameof(language)),
    };

    /// <summary>The city name as written in the language, or the name given when it has none there.</summary>
    public static string City(string language, string city) =>
        Cities.TryGetValue(city, out var names) && names.TryGetValue(language, out var name) ? name : city;

    /// <summary>A Russian and Uzbek pair of texts, keyed by language.</summary>
    private static Dictionary<string, string> Pair(string ru, string uz) =>
        new(StringComparer.Ordinal)
        {
            ["ru"] = ru,
            ["uz"] = uz,
        };
}
