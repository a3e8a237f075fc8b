using System.Globalization;
using Caravan.Core.Applications;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Caravan.Web.Infrastructure;
using Caravan.Web.Pages.Applications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Api;

public sealed record MatchReasonDto(string Kind, string? Value, string? Detail, string Text);

public sealed record MatchDto(
    string Reference, string Title, string? TitleLanguage, string IscoCode, string DestinationCountry, string City, decimal WageAmount, string WageCurrency,
    DateOnly ApplicationDeadline, string AgencyName, string? AgencyLicence, int Score, IReadOnlyList<MatchReasonDto> Reasons);

public sealed record AgencyApplicationDto(
    Guid Id, string Status, string StatusText, string VacancyReference, DateTime AppliedAt, DateTime UpdatedAt, string? ApplicantName, string? RejectionReason);

/// <summary>
/// Matching and applications for programs: a migrant's app reads its matches with their reasons; an agency's system
/// reads its applicants, with the names only while the consent given with the application stands, each read logged.
/// </summary>
public static class ApplicationsEndpoints
{
    public static RouteGroupBuilder MapApplicationEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/me/matches", MatchesAsync)
            .WithName("GetMyMatches")
            .WithSummary("The signed-in migrant's top vacancies, each with why it was recommended")
            .WithDescription("Needs a migrant's session. Only published vacancies of licensed agencies with an open deadline, none charging fees where the node forbids them. Reason texts follow ?culture= or Accept-Language.")
            .Produces<IReadOnlyList<MatchDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(p => p.RequireRole(Roles.Migrant));
        api.MapGet("/agency/applications", AgencyApplicationsAsync)
            .WithName("GetAgencyApplications")
            .WithSummary("The calling agency's applications, newest first (at most 200)")
            .WithDescription("Needs an agency API key (X-Api-Key) or an agency staff session. Filter with ?vacancy=VAC-… and ?status=Submitted|Shortlisted|Rejected|Selected|Placed|Withdrawn. "
                + "The applicant's name is given only while their consent stands; every name given is written to that person's access log.")
            .Produces<IReadOnlyList<AgencyApplicationDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.AgencyStaff));
        return api;
    }

    private static async Task<Results<Ok<List<MatchDto>>, ProblemHttpResult>> MatchesAsync(
        HttpContext http, RegistryCommands registry, VacancyMatcher matcher, Catalogue catalogue, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var person = http.User.GetUserId() is { } userId ? await registry.ForUserAsync(userId, cancellationToken) : null;
        if (person is null || person.Status != PersonStatus.Active)
        {
            return TypedResults.Problem(title: l["Application.NotRegistered"], statusCode: StatusCodes.Status404NotFound);
        }

        var language = CultureInfo.CurrentUICulture.Name;
        var countries = await catalogue.CountryNamesAsync(language, cancellationToken);
        var titles = await catalogue.IscoTitlesAsync(language, cancellationToken);
        string Text(MatchReason r) => MatchReasonText.For(r, l, titles, countries);
        http.Response.Headers.CacheControl = "no-store";
        var matches = await matcher.TopAsync(person, language, VacancyMatcher.DefaultCount, cancellationToken);
        return TypedResults.Ok(matches.Select(m => new MatchDto(
            m.Vacancy.Reference, m.Vacancy.Title, m.TitleLanguage, m.Vacancy.IscoCode, m.Vacancy.DestinationCountry, m.Vacancy.City, m.Vacancy.WageAmount,
            m.Vacancy.WageCurrency, m.Vacancy.ApplicationDeadline, m.Vacancy.AgencyName, m.Vacancy.AgencyLicence, m.Score,
            [.. m.Reasons.Select(r => new MatchReasonDto(r.Kind.ToString(), r.Value, r.Detail, Text(r)))])).ToList());
    }

    private static async Task<Results<Ok<List<AgencyApplicationDto>>, ProblemHttpResult>> AgencyApplicationsAsync(
        HttpContext http, string? vacancy, string? status, ApplicationQueries queries, PersonAccessLog accessLog, IOptions<NodeOptions> node,
        IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (http.User.GetAgencyId() is not { } agencyId)
        {
            return TypedResults.Problem(title: "This endpoint needs an agency API key or an agency staff session.", statusCode: StatusCodes.Status403Forbidden);
        }

        JobApplicationStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<JobApplicationStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.Problem(title: $"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<JobApplicationStatus>())}.", statusCode: StatusCodes.Status400BadRequest);
            }

            wanted = parsed;
        }

        var rows = await queries.ForAgencyAsync(agencyId, vacancy, wanted, CultureInfo.CurrentUICulture.Name, cancellationToken);
        var actor = RegistryActors.From(http.User, node.Value);
        foreach (var person in rows.Where(r => r.ApplicantName is not null).Select(r => r.PersonId).Distinct())
        {
            await accessLog.RecordViewAsync(person, actor, AccessReasons.Application, cancellationToken);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(rows.Select(r => new AgencyApplicationDto(
            r.Id, r.Status.ToString(), l["Application.Status." + r.Status], r.VacancyReference, r.AppliedAt, r.UpdatedAt, r.ApplicantName, r.RejectionReason?.ToString())).ToList());
    }
}
