using System.Globalization;
using Caravan.Core.Contracts;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Api;

public sealed record ContractCheckRequest(
    string? DestinationCountry,
    decimal? MonthlyWage,
    string? WageCurrency,
    int? HoursPerWeek,
    decimal? FeesToWorker,
    string? FeeCurrency,
    string? PassportHeldBy,
    string? AgencyLicence);

public sealed record ContractFlagDto(string Code, string Severity, string Message);

public sealed record ContractCheckResponse(IReadOnlyList<ContractFlagDto> Flags);

public static class ContractChecksEndpoints
{
    public static RouteGroupBuilder MapContractCheckEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/contract-checks", CheckAsync)
            .WithName("CheckContract")
            .WithSummary("Red flags in the terms of a job offer")
            .WithDescription("Returns each flag with a severity and a plain-language message in the request's language (?culture= or Accept-Language). No flags means none of the checks found a problem, not that the offer is safe.")
            .Accepts<ContractCheckRequest>("application/json")
            .Produces<ContractCheckResponse>()
            .ProducesValidationProblem()
            .DisableAntiforgery()
            .RequireRateLimiting(CaravanPolicies.ContractChecks)
            .AllowAnonymous();
        return api;
    }

    /// <summary>Validates request terms; shared by the API and the page so both refuse the same input.</summary>
    public static Dictionary<string, string[]> Validate(ContractCheckRequest request, out JobTerms? terms)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        terms = null;
        if (request.DestinationCountry is not { Length: 2 } d || !d.All(char.IsAsciiLetterUpper))
        {
            errors["destinationCountry"] = ["Validation.Destination"];
        }

        if (request.MonthlyWage is < 0 or > 1_000_000_000)
        {
            errors["monthlyWage"] = ["Validation.Amount"];
        }

        if (request.FeesToWorker is < 0 or > 1_000_000_000)
        {
            errors["feesToWorker"] = ["Validation.Amount"];
        }

        foreach (var (field, value) in new[] { ("wageCurrency", request.WageCurrency), ("feeCurrency", request.FeeCurrency) })
        {
            if (value is not null && (value.Length != 3 || !value.All(char.IsAsciiLetterUpper)))
            {
                errors[field] = ["Validation.Currency"];
            }
        }

        if (request.HoursPerWeek is < 1 or > 168)
        {
            errors["hoursPerWeek"] = ["Validation.Hours"];
        }

        PassportHolder? holder = null;
        if (request.PassportHeldBy is not null)
        {
            if (Enum.TryParse<PassportHolder>(request.PassportHeldBy, ignoreCase: true, out var h) && !int.TryParse(request.PassportHeldBy, out _))
            {
                holder = h;
            }
            else
            {
                errors["passportHeldBy"] = ["Validation.PassportHolder"];
            }
        }

        if (request.AgencyLicence is { Length: > 40 })
        {
            errors["agencyLicence"] = ["Validation.TooLong"];
        }

        if (errors.Count == 0)
        {
            terms = new JobTerms(request.DestinationCountry!, request.MonthlyWage, request.WageCurrency, request.HoursPerWeek,
                request.FeesToWorker, request.FeeCurrency ?? request.WageCurrency, holder, request.AgencyLicence);
        }

        return errors;
    }

    private static async Task<Results<Ok<ContractCheckResponse>, ValidationProblem>> CheckAsync(
        ContractCheckRequest request, ContractChecker checker, Catalogue catalogue, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var terms);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors.ToDictionary(e => e.Key, e => e.Value.Select(k => l[k].Value).ToArray(), StringComparer.Ordinal),
                title: l["Validation.SummaryTitle"]);
        }

        var flags = await checker.CheckAsync(terms!, cancellationToken);
        var names = await catalogue.CountryNamesAsync(CultureInfo.CurrentUICulture.Name, cancellationToken);
        return TypedResults.Ok(new ContractCheckResponse(
            flags.Select(f => new ContractFlagDto(f.Code, f.Severity.ToString(), FlagText.Explain(f, l, names))).ToList()));
    }
}
