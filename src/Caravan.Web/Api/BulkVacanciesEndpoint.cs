using System.Globalization;
using System.Text.Json;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Api;

public sealed record BulkError(string Field, string Message);

/// <summary>One input row: its 1-based number, what happened, the vacancy reference when one exists, and what was wrong.</summary>
public sealed record BulkRow(int Row, string Status, string? Reference, IReadOnlyList<BulkError> Errors);

public sealed record BulkResult(int Received, int Submitted, int Duplicates, int Rejected, IReadOnlyList<BulkRow> Rows);

/// <summary>
/// POST /api/v1/agency/vacancies/bulk: up to 10,000 vacancies as a JSON array or CSV, with an agency API key.
/// Each row stands alone: valid rows are kept, bad rows come back with their number, field and reason, and a row
/// repeating an agency reference already sent returns the existing vacancy instead of a copy.
/// </summary>
public static class BulkVacanciesEndpoint
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int CsvCostColumns = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new NulFreeStrings() } };

    public static RouteGroupBuilder MapBulkVacancies(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/agency/vacancies/bulk", HandleAsync)
            .WithName("SubmitVacanciesInBulk")
            .WithSummary("Submit up to 10,000 vacancies at once, as JSON or CSV")
            .WithDescription("Needs an agency API key (X-Api-Key). Send a JSON array of vacancies (Content-Type: application/json) or CSV with a header row "
                + "(Content-Type: text/csv; columns agency_reference, employer_registration_id, isco_code, title, description, text_language, destination_country, "
                + "city, positions, monthly_wage, wage_currency, hours_per_week, contract_months, housing_provided, meals_provided, transport_provided, "
                + "required_languages, required_skills, application_deadline, cost1_item … cost5_currency, and title_{lang} / description_{lang} for translations). "
                + "Every row runs the same checks as the form. Messages follow Accept-Language.")
            .Accepts<IReadOnlyList<VacancyInput>>("application/json", "text/csv")
            .Produces<BulkResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes))
            .DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireRole(Roles.AgencyStaff));
        return api;
    }

    private static async Task<Results<Ok<BulkResult>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, VacancyCommands commands, Catalogue catalogue, IStringLocalizer<SharedResource> l, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.HttpContext.User.GetAgencyId() is not { } agencyId)
        {
            return TypedResults.Problem(title: "This endpoint needs an agency API key.", statusCode: StatusCodes.Status403Forbidden);
        }

        // Kestrel enforces the limit on the bytes read; a declared length over it is refused before any are.
        if (request.ContentLength > MaxBytes)
        {
            return TypedResults.Problem(title: $"The body is larger than {MaxBytes / (1024 * 1024)} MB. Split it into several requests.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        List<(VacancyInput Input, List<(string Field, string Key)> ParseErrors)> rows;
        try
        {
            rows = mediaType switch
            {
                "application/json" => await ReadJsonAsync(request, cancellationToken),
                "text/csv" => await ReadCsvAsync(request, cancellationToken),
                _ => throw new BadBodyException(StatusCodes.Status415UnsupportedMediaType, "Send Content-Type application/json or text/csv."),
            };
        }
        catch (BadBodyException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: e.Status);
        }

        if (rows.Count == 0)
        {
            return TypedResults.Problem(title: "The request has no vacancies.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (rows.Count > MaxRows)
        {
            return TypedResults.Problem(title: $"At most {MaxRows:N0} vacancies per request; this one has more. Split it.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Rows that could not even be read are reported with every other problem they have; the rest go to the commands.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var isco = await catalogue.IscoUnitCodesAsync(cancellationToken);
        var currencies = await catalogue.CurrencyCodesAsync(cancellationToken);
        var results = new BulkRow[rows.Count];
        var toSubmit = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (input, parseErrors) = rows[i];
            if (parseErrors.Count == 0)
            {
                toSubmit.Add(i);
                continue;
            }

            var all = parseErrors.Concat(input.Validate(today, isco, currencies).Where(e => parseErrors.All(p => p.Field != e.Field)));
            results[i] = new BulkRow(i + 1, "rejected", null, [.. all.Select(e => new BulkError(e.Field, l[e.Key].Value))]);
        }

        var outcomes = await commands.SubmitManyAsync(agencyId, [.. toSubmit.Select(i => rows[i].Input)], cancellationToken);
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        for (var k = 0; k < toSubmit.Count; k++)
        {
            var i = toSubmit[k];
            var o = outcomes[k];
            results[i] = o.Status switch
            {
                SubmitStatus.Submitted => new BulkRow(i + 1, "submitted", o.Vacancy!.Reference, []),
                SubmitStatus.Duplicate => new BulkRow(i + 1, "duplicate", o.Vacancy!.Reference, []),
                SubmitStatus.Invalid => new BulkRow(i + 1, "rejected", null, [.. o.Errors.Select(e => new BulkError(e.Field, l[e.Key].Value))]),
                SubmitStatus.Blocked => new BulkRow(i + 1, "rejected", null, [.. o.Checks.Where(c => c.Blocks).Select(c => new BulkError(VacancyFields.ForCheck(c.Code), FlagText.Explain(c.Flag!, l, names)))]),
                _ => throw new InvalidOperationException("Unknown submit status."),
            };
        }

        return TypedResults.Ok(new BulkResult(
            rows.Count,
            results.Count(r => r.Status == "submitted"),
            results.Count(r => r.Status == "duplicate"),
            results.Count(r => r.Status == "rejected"),
            results));
    }

    private static async Task<List<(VacancyInput, List<(string, string)>)>> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Read row by row as the body arrives, never the whole document at once, and stop one row past the limit.
        var rows = new List<(VacancyInput, List<(string, string)>)>();
        try
        {
            await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<VacancyInput?>(request.Body, Json, cancellationToken))
            {
                rows.Add((item ?? new VacancyInput(), []));
                if (rows.Count > MaxRows)
                {
                    break;
                }
            }
        }
        catch (JsonException e)
        {
            // The path names the row and field, for example $[17].applicationDeadline.
            throw new BadBodyException(StatusCodes.Status400BadRequest, e.Path is null or "$"
                ? "The body must be a JSON array of vacancies."
                : $"The JSON could not be read at {e.Path} (line {e.LineNumber + 1}): check that field's type.");
        }

        return rows;
    }

    private static async Task<List<(VacancyInput, List<(string, string)>)>> ReadCsvAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return [];
        }

        var header = csv.HeaderRecord ?? [];
        var unknown = header.Where(h => !CsvColumns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new BadBodyException(StatusCodes.Status400BadRequest, $"Unknown CSV columns: {string.Join(", ", unknown)}.");
        }

        var rows = new List<(VacancyInput, List<(string, string)>)>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rows.Count > MaxRows)
            {
                break; // enough to say the request is too big
            }

            var errors = new List<(string, string)>();
            string? Text(string column) => csv.TryGetField<string>(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
            int? Int(string column, string field, string key)
            {
                var v = Text(column);
                if (v is null)
                {
                    return null;
                }

                if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                errors.Add((field, key));
                return null;
            }

            decimal? Dec(string column, string field, string key)
            {
                var v = Text(column);
                if (v is null)
                {
                    return null;
                }

                if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                errors.Add((field, key));
                return null;
            }

            bool Flag(string column) => Text(column) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v is "1" || v.Equals("yes", StringComparison.OrdinalIgnoreCase));

            DateOnly? deadline = null;
            if (Text("application_deadline") is { } d)
            {
                if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    deadline = parsed;
                }
                else
                {
                    errors.Add(("applicationDeadline", "Vacancy.Error.Deadline"));
                }
            }

            var costs = new List<CostInput>();
            for (var c = 1; c <= CsvCostColumns; c++)
            {
                var item = Text($"cost{c}_item");
                var amount = Dec($"cost{c}_amount", $"costs[{costs.Count}].amount", "Vacancy.Error.CostAmount");
                var currency = Text($"cost{c}_currency");
                if (item is not null || amount is not null || currency is not null)
                {
                    costs.Add(new CostInput(item, amount, currency));
                }
            }

            var translations = VacancyInput.TextLanguages
                .Where(lang => Text($"title_{lang}") is not null || Text($"description_{lang}") is not null)
                .Select(lang => new TranslationInput(lang, Text($"title_{lang}"), Text($"description_{lang}")))
                .ToList();
            rows.Add((new VacancyInput
            {
                AgencyReference = Text("agency_reference"),
                EmployerRegistrationId = Text("employer_registration_id"),
                IscoCode = Text("isco_code"),
                Title = Text("title"),
                Description = Text("description"),
                TextLanguage = Text("text_language"),
                DestinationCountry = Text("destination_country"),
                City = Text("city"),
                Positions = Int("positions", "positions", "Vacancy.Error.Positions"),
                MonthlyWage = Dec("monthly_wage", "monthlyWage", "Vacancy.Error.Wage"),
                WageCurrency = Text("wage_currency"),
                HoursPerWeek = Int("hours_per_week", "hoursPerWeek", "Vacancy.Error.Hours"),
                ContractMonths = Int("contract_months", "contractMonths", "Vacancy.Error.ContractMonths"),
                HousingProvided = Flag("housing_provided"),
                MealsProvided = Flag("meals_provided"),
                TransportProvided = Flag("transport_provided"),
                RequiredLanguages = Text("required_languages"),
                RequiredSkills = Text("required_skills"),
                ApplicationDeadline = deadline,
                Costs = costs,
                Translations = translations,
            }, errors));
        }

        return rows;
    }

    private static readonly HashSet<string> CsvColumns = new(
        new[]
        {
            "agency_reference", "employer_registration_id", "isco_code", "title", "description", "text_language", "destination_country", "city",
            "positions", "monthly_wage", "wage_currency", "hours_per_week", "contract_months", "housing_provided", "meals_provided",
            "transport_provided", "required_languages", "required_skills", "application_deadline",
        }
        .Concat(Enumerable.Range(1, CsvCostColumns).SelectMany(c => new[] { $"cost{c}_item", $"cost{c}_amount", $"cost{c}_currency" }))
        .Concat(VacancyInput.TextLanguages.SelectMany(lang => new[] { $"title_{lang}", $"description_{lang}" })),
        StringComparer.Ordinal);

    private sealed class BadBodyException(int status, string message) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
