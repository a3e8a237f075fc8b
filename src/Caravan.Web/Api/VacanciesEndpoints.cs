using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Api;

public sealed record MoneyDto(decimal Amount, string Currency);

public sealed record AgencyRefDto(string Name, string? LicenceNumber);

public sealed record EmployerRefDto(string Name, string Country);

public sealed record VacancyDto(
    string Reference,
    string Title,
    string IscoCode,
    string? Occupation,
    string DestinationCountry,
    string City,
    int Positions,
    MoneyDto MonthlyWage,
    int HoursPerWeek,
    int ContractMonths,
    bool HousingProvided,
    bool MealsProvided,
    bool TransportProvided,
    DateOnly ApplicationDeadline,
    DateTime? PublishedAt,
    AgencyRefDto Agency,
    EmployerRefDto Employer);

public sealed record CloseVacancyRequest(string? Reason);

public sealed record VacancyPageDto(IReadOnlyList<VacancyDto> Items, int Page, int PageSize, int Total, int PageCount)
{
    /// <summary>True when more vacancies match than were counted (the count stops at 1,000): Total is then a lower bound.</summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>True when Total is an estimate, scaled from the share of matches among the newest vacancies (above 1,000 only).</summary>
    public bool TotalIsEstimate { get; init; }
}

public static class VacanciesEndpoints
{
    public static RouteGroupBuilder MapVacancyEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/vacancies", ListAsync)
            .WithName("ListVacancies")
            .WithSummary("Published vacancies, newest first")
            .WithDescription("q finds words in the title, description, city or occupation, in any of the seven UI languages. Filter by destination (ISO 3166-1 alpha-2), ISCO-08 code or prefix, agency licence number, "
                + "minWage (a monthly amount in currency, default USD, compared through the node's rate table) and feeFree=true (no cost to the worker). sort=newest (default) or wage. Pages start at 1; at most 100 items a page.")
            .Produces<VacancyPageDto>()
            .ProducesValidationProblem()
            .AllowAnonymous();
        api.MapGet("/vacancies/{reference}", GetAsync)
            .WithName("GetVacancy")
            .WithSummary("One published vacancy by its reference")
            .Produces<VacancyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();
        return api;
    }

    public static RouteGroupBuilder MapAgencyScopedEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/agency/vacancies/{reference}", GetOwnAsync)
            .WithName("GetOwnVacancy")
            .WithSummary("One of the calling agency's vacancies, in any status")
            .WithDescription("Needs an agency API key (X-Api-Key) or an agency staff session. Another agency's vacancy answers 404.")
            .Produces<VacancyDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AgencyPolicy);
        api.MapPost("/agency/vacancies/{reference}/close", CloseAsync)
            .WithName("CloseOwnVacancy")
            .WithSummary("Close one of the calling agency's vacancies, with a reason")
            .WithDescription("The vacancy leaves the public list at once. Another agency's vacancy answers 404; an already closed one 409.")
            .Accepts<CloseVacancyRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery()
            .RequireAuthorization(AgencyPolicy);
        return api;
    }

    // Machine clients use an API key; the cookie scheme is accepted so agency staff can call the API from their session.
    private static void AgencyPolicy(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p) =>
        p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.AgencyStaff);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CloseAsync(
        string reference, CloseVacancyRequest request, HttpContext http, VacancyCommands commands, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > VacancyCommands.MaxReasonLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"Give a reason of 1 to {VacancyCommands.MaxReasonLength} characters."] },
                title: "The request body has invalid values.");
        }

        var agencyId = http.User.GetAgencyId();
        var result = agencyId is null ? CloseVacancyResult.NotFound : await commands.CloseAsync(agencyId.Value, reference, reason, cancellationToken);
        return result switch
        {
            CloseVacancyResult.Closed => TypedResults.NoContent(),
            CloseVacancyResult.AlreadyClosed => TypedResults.Problem(title: "The vacancy is already closed.", statusCode: StatusCodes.Status409Conflict),
            CloseVacancyResult.NotFound => TypedResults.Problem(title: "No vacancy of yours has that reference.", statusCode: StatusCodes.Status404NotFound),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Results<Ok<VacancyPageDto>, ValidationProblem>> ListAsync(
        VacancyQueries queries,
        Catalogue catalogue,
        [FromQuery] string? destination,
        [FromQuery] string? isco,
        [FromQuery] string? q,
        [FromQuery] string? agency,
        [FromQuery] decimal? minWage,
        [FromQuery] string? currency,
        [FromQuery] bool? feeFree,
        [FromQuery] string? sort,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (destination is not null && (destination.Length != 2 || !destination.All(char.IsAsciiLetterUpper)))
        {
            errors["destination"] = ["Use an ISO 3166-1 alpha-2 country code in capitals, such as RU."];
        }

        if (isco is not null && (isco.Length is < 1 or > 4 || !isco.All(char.IsAsciiDigit)))
        {
            errors["isco"] = ["Use an ISCO-08 code of 1 to 4 digits, such as 7 or 7112."];
        }

        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize is < 1 or > VacancyFilter.MaxPageSize)
        {
            errors["pageSize"] = [$"Use a page size from 1 to {VacancyFilter.MaxPageSize}."];
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["Search text is at most 200 characters."];
        }

        if (agency is { Length: > 20 })
        {
            errors["agency"] = ["Use an agency licence number such as LIC-0001008."];
        }

        if (minWage is <= 0)
        {
            errors["minWage"] = ["Use a positive monthly amount, such as 800."];
        }

        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors["currency"] = ["Use an ISO 4217 code in capitals, such as USD."];
        }

        if (sort is not (null or "newest" or "wage"))
        {
            errors["sort"] = ["Use newest or wage."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has invalid values.");
        }

        var filter = new VacancyFilter(destination, isco, page ?? 1, pageSize ?? 20)
        {
            Query = q,
            AgencyLicence = agency,
            MinWage = minWage,
            MinWageCurrency = currency ?? "USD",
            FeeFreeOnly = feeFree == true,
            Sort = sort == "wage" ? VacancySort.Wage : VacancySort.Newest,
        };
        var result = await queries.PublishedListAsync(filter, cancellationToken);
        var titles = await catalogue.IscoTitlesAsync(cancellationToken);
        return TypedResults.Ok(new VacancyPageDto(
            result.Items.Select(v => ToDto(v, titles)).ToList(), result.Page, result.PageSize, result.Total, result.PageCount)
        {
            TotalIsLowerBound = result.TotalIsLowerBound,
            TotalIsEstimate = result.TotalIsEstimate,
        });
    }

    private static async Task<Results<Ok<VacancyDto>, ProblemHttpResult>> GetAsync(
        string reference, VacancyQueries queries, Catalogue catalogue, CancellationToken cancellationToken)
    {
        var vacancy = await queries.PublishedByReferenceAsync(reference, cancellationToken);
        return vacancy is null
            ? TypedResults.Problem(title: "No published vacancy has that reference.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToDto(vacancy, await catalogue.IscoTitlesAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<VacancyDto>, ProblemHttpResult>> GetOwnAsync(
        string reference, HttpContext http, VacancyQueries queries, Catalogue catalogue, CancellationToken cancellationToken)
    {
        var agencyId = http.User.GetAgencyId();
        var vacancy = agencyId is null ? null : await queries.ForAgencyAsync(agencyId.Value, reference, cancellationToken);
        return vacancy is null
            ? TypedResults.Problem(title: "No vacancy of yours has that reference.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToDto(vacancy, await catalogue.IscoTitlesAsync(cancellationToken)));
    }

    private static VacancyDto ToDto(VacancyListItem v, IReadOnlyDictionary<string, string> titles) => new(
        v.Reference,
        v.Title,
        v.IscoCode,
        titles.TryGetValue(v.IscoCode, out var t) ? t : null,
        v.DestinationCountry,
        v.City,
        v.Positions,
        new MoneyDto(v.WageAmount, v.WageCurrency),
        v.HoursPerWeek,
        v.ContractMonths,
        v.HousingProvided,
        v.MealsProvided,
        v.TransportProvided,
        v.ApplicationDeadline,
        v.PublishedAt,
        new AgencyRefDto(v.AgencyName, v.AgencyLicence),
        new EmployerRefDto(v.EmployerName, v.EmployerCountry));

    private static VacancyDto ToDto(Vacancy v, IReadOnlyDictionary<string, string> titles) => ToDto(VacancyListItem.Of(v), titles);
}
