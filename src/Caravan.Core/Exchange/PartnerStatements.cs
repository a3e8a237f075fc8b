using System.Text.Json;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Exchange;

public enum StatementCheck
{
    /// <summary>Signed by a partner's key on the trust list, unchanged since.</summary>
    Valid,

    /// <summary>Changed after signing, or not a signed statement of a kind partners issue.</summary>
    Tampered,

    /// <summary>Signed by a key that is not on the trust list.</summary>
    UnknownIssuer,

    /// <summary>Signed by a partner key an administrator revoked.</summary>
    KeyRevoked,

    /// <summary>Genuine, but on its issuer's revocation list as this node last fetched it.</summary>
    Revoked,
}

/// <summary>What a partner's signed statement says, once its signature is checked: never more than its QR code holds.</summary>
public sealed record PartnerStatement(StatementCheck Check, string? Issuer, string? IssuerCountry, VerificationSubject? Subject, string? Code, string? Holder, string? About, DateOnly? On)
{
    /// <summary>When the issuer signed the revocation list the statement was checked against; null when none is held.</summary>
    public DateTime? ListedAsOf { get; init; }
}

/// <summary>
/// Reads a statement another node signed (a training certificate, a departure card, a licence) from its decoded QR
/// payload, with only the keys on this node's trust list: no call to the issuer, so it works on a border post's
/// laptop with the list it last had. It is also checked against the issuer's revocation list as last fetched
/// (<see cref="RevocationRefresh"/>), and says as of when; the online check asks the issuer about today.
/// </summary>
public sealed class PartnerStatements(CaravanDbContext db)
{
    public const string CertificateType = "caravan-certificate+jwt";
    public const string DepartureCardType = "caravan-departure-card+jwt";
    public const string LicenceType = "caravan-licence+jwt";

    private static readonly JsonWebTokenHandler Tokens = new();

    public static bool LooksLikeToken(string? text) => text is not null && text.Trim().Count(c => c == '.') == 2 && !text.Trim().Contains(' ', StringComparison.Ordinal);

    public async Task<PartnerStatement> ReadAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        token = token.Trim();
        JsonWebToken jwt;
        try
        {
            jwt = token.Length <= 8_000 ? Tokens.ReadJsonWebToken(token) : throw new ArgumentException("too long");
        }
        catch (ArgumentException)
        {
            return new PartnerStatement(StatementCheck.Tampered, null, null, null, null, null, null, null);
        }

        var key = string.IsNullOrEmpty(jwt.Kid) ? null : await db.Set<PartnerKey>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == jwt.Kid, cancellationToken);
        if (key is null)
        {
            return new PartnerStatement(StatementCheck.UnknownIssuer, null, null, null, null, null, null, null);
        }

        var partner = await db.Set<PartnerNode>().AsNoTracking().SingleAsync(p => p.Id == key.PartnerId, cancellationToken);
        if (key.RevokedAt is not null)
        {
            return new PartnerStatement(StatementCheck.KeyRevoked, partner.Name, partner.Country, null, null, null, null, null);
        }

        var result = await Tokens.ValidateTokenAsync(token, Signing.SignatureRules.For(new JsonWebKey(key.PublicJwk) { KeyId = key.KeyId }, CertificateType, DepartureCardType, LicenceType));
        if (!result.IsValid)
        {
            return new PartnerStatement(StatementCheck.Tampered, partner.Name, partner.Country, null, null, null, null, null);
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        var root = payload.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        DateOnly? Day(string name) => DateOnly.TryParseExact(Text(name), "yyyy-MM-dd", out var d) ? d : null;
        var statement = jwt.Typ switch
        {
            CertificateType => new PartnerStatement(StatementCheck.Valid, partner.Name, partner.Country, VerificationSubject.Certificate, Text("Code"), Text("Initials"), Text("Course"), Day("Completed")),
            DepartureCardType => new PartnerStatement(StatementCheck.Valid, partner.Name, partner.Country, VerificationSubject.Departure, Text("Code"), Text("Initials"), Text("Destination"), Day("Departed")),
            _ => new PartnerStatement(StatementCheck.Valid, partner.Name, partner.Country, VerificationSubject.Licence, Text("Code"), Text("Agency"), Text("Destinations"), Day("ValidUntil")),
        };
        var list = await db.Set<PartnerRevocations>().AsNoTracking().SingleOrDefaultAsync(r => r.PartnerId == partner.Id, cancellationToken);
        if (list is null)
        {
            return statement;
        }

        var revoked = statement.Code is not null && list.Read()?.Lists(statement.Subject!.Value, statement.Code) == true;
        return statement with { Check = revoked ? StatementCheck.Revoked : StatementCheck.Valid, ListedAsOf = list.IssuedAt };
    }
}
