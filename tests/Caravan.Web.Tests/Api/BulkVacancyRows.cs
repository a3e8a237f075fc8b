using System.Globalization;
using System.Text.Json.Nodes;

namespace Caravan.Web.Tests.Api;

/// <summary>A valid bulk vacancy row, the seed the bulk fuzz families break.</summary>
internal static class BulkVacancyRows
{
    private static string Deadline => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonObject Row(string reference) => new()
    {
        ["agencyReference"] = reference,
        ["employerRegistrationId"] = "KR-124-81-00998",
        ["iscoCode"] = "7212",
        ["title"] = "Welder " + reference,
        ["description"] = "Welding of steel frames in a car parts plant; wages paid monthly.",
        ["textLanguage"] = "en",
        ["destinationCountry"] = "KR",
        ["city"] = "Ansan",
        ["positions"] = 5,
        ["monthlyWage"] = 2_400_000,
        ["wageCurrency"] = "KRW",
        ["hoursPerWeek"] = 48,
        ["contractMonths"] = 34,
        ["applicationDeadline"] = Deadline,
        ["costs"] = new JsonArray(new JsonObject { ["item"] = "Flight", ["amount"] = 0, ["currency"] = "USD" }),
        ["translations"] = new JsonArray(new JsonObject { ["language"] = "ru", ["title"] = "Сварщик", ["description"] = "Сварка стальных рам на заводе." }),
    };

    public const string CsvHeader = "agency_reference,employer_registration_id,isco_code,title,description,text_language,destination_country,city,positions,monthly_wage,"
        + "wage_currency,hours_per_week,contract_months,housing_provided,application_deadline,cost1_item,cost1_amount,cost1_currency,title_ru,description_ru";

    public static string CsvRow(string reference) =>
        $"{reference},KR-124-81-00998,7212,\"Welder, {reference}\",Welding of steel frames in a car parts plant; wages paid monthly.,en,KR,Ansan,5,2400000,KRW,48,34,yes,{Deadline},Flight,0,USD,Сварщик,Сварка стальных рам на заводе.";
}
