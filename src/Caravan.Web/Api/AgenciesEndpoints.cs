using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Caravan.Web.Api;

public sealed record AgencyDto(
    string Name,
    string LicenceNumber,
    string Status,
    DateOnly? ValidUntil,
    DateOnly? SuspendedUntil,
    string? Region,
    IReadOnlyList<string> Destinations);

public sealed record AgencyPageDto(IReadOnlyList<AgencyDto> Items, int Page, int PageSize, int Total, int PageCount);

/// <summary>The public register of licensed agencies. No sign-in: anyone must be able to check an agency.</summary>
public static class AgenciesEndpoints
{
    public static RouteGroupBuilder MapAgencyEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/agencies", ListAsync)
            .WithName("ListAgencies")
            .WithSummary("The public register of licensed agencies")
            .WithDescription("q matches part of the name, in any script, or a whole licence number. status is Valid, Suspended, Revoked or Expired; destination an ISO 3166-1 alpha-2 code.")
            .Produces<AgencyPageDto>()
            .ProducesValidationProblem()
            .AllowAnonymous();
        api.MapGet("/agencies/{licenceNumber}", GetAsync)
            .WithName("GetAgency")
            .WithSummary("One agency by its licence number")
            .Produces<AgencyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<AgencyPageDto>, ValidationProblem>> ListAsync(
        AgencyQueries agencies,
        [FromQuery] string? q,
        [FromQuery] string? status,
        [FromQuery] string? destination,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        LicenceStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.TryParse<LicenceStatus>(status, ignoreCase: true, out var s) && s != LicenceStatus.Applied && !int.TryParse(status, out _))
            {
                parsed = s;
            }
            else
            {
                errors["status"] = ["Use Valid, Suspended, Revoked or Expired."];
            }
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["Search text is at most 200 characters."];
        }

        if (destination is not null && (destination.Length != 2 || !destination.All(char.IsAsciiLetterUpper)))
        {
            errors["destination"] = ["Use an ISO 3166-1 alpha-2 country code in capitals, such as KZ."];
        }

        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize is < 1 or > AgencyFilter.MaxPageSize)
        {
            errors["pageSize"] = [$"Use a page size from 1 to {AgencyFilter.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has invalid values.");
        }

        var result = await agencies.SearchAsync(new AgencyFilter(q, parsed, destination, page ?? 1, pageSize ?? 20), cancellationToken);
        var today = agencies.Today;
        return TypedResults.Ok(new AgencyPageDto(result.Items.Select(a => ToDto(a, today)).ToList(), result.Page, result.PageSize, result.Total, result.PageCount));
    }

    private static async Task<Results<Ok<AgencyDto>, ProblemHttpResult>> GetAsync(string licenceNumber, AgencyQueries agencies, CancellationToken cancellationToken)
    {
        var agency = await agencies.ByLicenceAsync(licenceNumber, cancellationToken);
        if (agency is not null)
        {
            return TypedResults.Ok(ToDto(agency, agencies.Today));
        }

        var detail = ReferenceCode.IsValid(licenceNumber.ToUpperInvariant(), AgencyQueries.LicencePrefix)
            ? "No agency holds this licence number. Do not pay an agency that cannot show a valid licence."
            : "This is not a valid licence number: its check digit does not match. Check it for typing errors.";
        return TypedResults.Problem(title: "No licensed agency has that number.", detail: detail, statusCode: StatusCodes.Status404NotFound);
    }

    private static AgencyDto ToDto(Agency a, DateOnly today) => new(
        a.Name,
        a.LicenceNumber!,
        a.EffectiveStatus(today).ToString(),
        a.LicenceValidUntil,
        a.SuspendedUntil,
        a.RegionCode,
        a.Destinations.Select(d => d.CountryCode).Order(StringComparer.Ordinal).ToList());
}
