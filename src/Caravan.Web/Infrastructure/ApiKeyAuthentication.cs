using System.Security.Claims;
using System.Text.Encodings.Web;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>Authenticates machine clients by the X-Api-Key header.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "caravan:api_key";
    public const string PartnerNodeClaim = "caravan:partner_node";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var header))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.FindActiveAsync(header.ToString(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(KeyIdClaim, key.Prefix),
        };
        if (key.AgencyId is { } agencyId)
        {
            claims.Add(new Claim(CaravanClaims.AgencyId, agencyId.ToString()));
            claims.Add(new Claim(ClaimTypes.Role, Roles.AgencyStaff));
        }

        if (key.Analyst)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.Analyst));
        }

        if (key.PartnerNode is { } node)
        {
            claims.Add(new Claim(PartnerNodeClaim, node));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // No body here: the status-code page turns the bare 401/403 into problem details for API paths.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = SchemeName;
        }

        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }
}
