using System.Text.Json;
using Caravan.Core.Agencies;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Node;
using Caravan.Core.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Exchange;

/// <summary>What a node has withdrawn of what it signed: revoked certificates and departure cards, and licences no longer valid.</summary>
public sealed record RevocationPayload(string Issuer, DateTimeOffset IssuedAt, IReadOnlyList<string> Certificates, IReadOnlyList<string> Departures, IReadOnlyList<string> Licences)
{
    public bool Lists(VerificationSubject subject, string code) => (subject switch
    {
        VerificationSubject.Certificate => Certificates,
        VerificationSubject.Departure => Departures,
        VerificationSubject.Licence => Licences,
        _ => [],
    }).Contains(code, StringComparer.Ordinal);
}

/// <summary>
/// The node's published revocation list, signed with its key (typ caravan-revocations+jwt) at
/// /.well-known/caravan-revocations. Partners fetch it and keep it, so that a statement checked offline is also
/// checked against what its issuer has withdrawn, as of the list's date.
/// </summary>
public sealed class RevocationList(CaravanDbContext db, NodeSigner signer, TimeProvider time, IOptions<NodeOptions> node)
{
    public const string TokenType = "caravan-revocations+jwt";
    public const string Path = "/.well-known/caravan-revocations";

    public async Task<string> SignedAsync(CancellationToken cancellationToken = default)
    {
        var revoked = await db.Set<Credential>().AsNoTracking().Where(c => c.RevokedAt != null)
            .Select(c => new { c.Kind, c.Code }).ToListAsync(cancellationToken);
        var licences = await db.Set<Agency>().AsNoTracking()
            .Where(a => a.LicenceNumber != null && (a.LicenceStatus == LicenceStatus.Suspended || a.LicenceStatus == LicenceStatus.Revoked || a.LicenceStatus == LicenceStatus.Expired))
            .Select(a => a.LicenceNumber!).ToListAsync(cancellationToken);
        var payload = new RevocationPayload(Envelope.Address(node.Value.PublicUrl), time.GetUtcNow(),
            [.. revoked.Where(c => c.Kind == CredentialKind.TrainingCertificate).Select(c => c.Code).Order(StringComparer.Ordinal)],
            [.. revoked.Where(c => c.Kind == CredentialKind.DepartureCard).Select(c => c.Code).Order(StringComparer.Ordinal)],
            [.. licences.Order(StringComparer.Ordinal)]);
        return await signer.SignAsync(TokenType, payload, cancellationToken);
    }
}

/// <summary>A partner's revocation list as this node last fetched and checked it.</summary>
public sealed class PartnerRevocations
{
    public Guid PartnerId { get; set; }

    /// <summary>When the partner signed the list: a statement is judged "as of" this time.</summary>
    public DateTime IssuedAt { get; set; }

    public DateTime FetchedAt { get; set; }

    /// <summary>The list's payload as the partner signed it.</summary>
    public required string Payload { get; set; }

    public RevocationPayload? Read() => JsonSerializer.Deserialize<RevocationPayload>(Payload, Envelope.Json);
}

internal sealed class PartnerRevocationsMapping : IEntityTypeConfiguration<PartnerRevocations>
{
    public void Configure(EntityTypeBuilder<PartnerRevocations> builder)
    {
        builder.HasKey(r => r.PartnerId);
        builder.Property(r => r.Payload).HasMaxLength(5_000_000);
        builder.HasOne<PartnerNode>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Fetches every partner's revocation list and keeps it when it checks: signed by a key of that partner on the trust
/// list, not revoked; naming that partner as issuer; newer than the list held and not from the future. A list that
/// fails any check, or a partner that cannot be reached, leaves the list held as it was. Runs hourly.
/// </summary>
public sealed partial class RevocationRefresh(CaravanDbContext db, INodeTransport transport, TimeProvider time, IOptions<ExchangeOptions> options, ILogger<RevocationRefresh> logger)
{
    public const string JobId = "revocation-lists";

    private static readonly JsonWebTokenHandler Tokens = new();

    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var partners = await db.Set<PartnerNode>().AsNoTracking().Include(p => p.Keys).Where(p => !p.IsHub).ToListAsync(cancellationToken);
        var kept = 0;
        foreach (var partner in partners.Where(p => p.Keys.Count > 0))
        {
            string? token;
            try
            {
                token = await transport.RevocationsAsync(new Uri(partner.BaseUrl), cancellationToken);
            }
            catch (Messaging.DeliveryException e)
            {
                LogUnreachable(logger, partner.Name, e.Message);
                continue;
            }

            var (payload, problem) = token is null ? (null, "no list") : await CheckAsync(token, partner);
            if (payload is null)
            {
                LogRefused(logger, partner.Name, problem!);
                continue;
            }

            // Kept to the millisecond: PostgreSQL keeps microseconds, so a list would otherwise always look newer than itself.
            var issued = payload.IssuedAt.UtcDateTime;
            issued = issued.AddTicks(-(issued.Ticks % TimeSpan.TicksPerMillisecond));
            var held = await db.Set<PartnerRevocations>().SingleOrDefaultAsync(r => r.PartnerId == partner.Id, cancellationToken);
            if (held is not null && held.IssuedAt >= issued)
            {
                continue;
            }

            if (held is null)
            {
                held = new PartnerRevocations { PartnerId = partner.Id, Payload = string.Empty };
                db.Add(held);
            }

            held.IssuedAt = issued;
            held.FetchedAt = time.GetUtcNow().UtcDateTime;
            held.Payload = JsonSerializer.Serialize(payload, Envelope.Json);
            await db.SaveChangesAsync(cancellationToken);
            kept++;
        }

        return kept;
    }

    private async Task<(RevocationPayload? Payload, string? Problem)> CheckAsync(string token, PartnerNode partner)
    {
        JsonWebToken jwt;
        try
        {
            jwt = Tokens.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (null, "not a compact JWS");
        }

        var key = partner.Keys.FirstOrDefault(k => k.KeyId == jwt.Kid);
        if (key is null || key.RevokedAt is not null)
        {
            return (null, "not signed by a key of this partner on the trust list");
        }

        var result = await Tokens.ValidateTokenAsync(token, SignatureRules.For(new JsonWebKey(key.PublicJwk) { KeyId = key.KeyId }, RevocationList.TokenType));
        if (!result.IsValid)
        {
            return (null, "the signature does not match");
        }

        RevocationPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<RevocationPayload>(Base64UrlEncoder.Decode(jwt.EncodedPayload), Envelope.Json);
        }
        catch (JsonException)
        {
            return (null, "the list cannot be read");
        }

        if (payload is null || payload.Issuer != Envelope.Address(partner.BaseUrl) || payload.Certificates is null || payload.Departures is null || payload.Licences is null)
        {
            return (null, "the list names another issuer, or is incomplete");
        }

        return payload.IssuedAt > time.GetUtcNow() + options.Value.ClockSkew ? (null, "the list is dated in the future") : (payload, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation list of {Partner} could not be fetched: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string partner, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation list of {Partner} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string partner, string reason);
}
