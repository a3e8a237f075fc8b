using Caravan.Core.Node;
using Caravan.Core.Signing;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Agencies;

/// <summary>What a signed licence statement says: the licence, the agency, the destinations it may recruit for, until when.</summary>
public sealed record LicenceStatementPayload(string Code, string Agency, string Destinations, DateOnly? ValidUntil, DateOnly IssuedOn, string IssuedBy);

/// <summary>
/// "This agency is licensed to recruit for these countries until …", signed with the node's key, for the agency's
/// public page and its QR code: a labour inspector in a destination checks it offline against the trust list, and
/// asks online (issue 17) whether it still holds. Only a licence that may recruit today gets a statement.
/// </summary>
public sealed class LicenceStatements(NodeSigner signer, IOptions<NodeOptions> node)
{
    public const string TokenType = "caravan-licence+jwt";

    public async Task<string?> SignAsync(Agency agency, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.LicenceNumber is null || agency.EffectiveStatus(today) != LicenceStatus.Valid)
        {
            return null;
        }

        var destinations = string.Join(' ', agency.Destinations.Select(d => d.CountryCode).Order(StringComparer.Ordinal));
        return await signer.SignAsync(TokenType, new LicenceStatementPayload(agency.LicenceNumber, agency.Name, destinations, agency.LicenceValidUntil, today, node.Value.Country), cancellationToken);
    }
}
