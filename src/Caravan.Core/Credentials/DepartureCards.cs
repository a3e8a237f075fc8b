using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Signing;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Credentials;

/// <summary>What a departure card says, signed: enough for an officer to check it, and no more.</summary>
public sealed record DepartureCardPayload(
    string Code, string Initials, string Destination, string City, DateOnly Departed, string? Agency, string? AgencyLicence, string? Employer,
    IReadOnlyList<string> ContractFlags, string IssuedBy);

/// <summary>A departure card to show: the credential and the departure and agency it is about.</summary>
public sealed record DepartureCard(Credential Credential, Departure Departure, Agency? Agency);

/// <summary>
/// The signed card a migrant carries once their departure is recorded. Issued the first time it is asked for, then the
/// same card every time; an officer checks it on the public verification page, or offline against the node's JWKS.
/// </summary>
public sealed class DepartureCards(CaravanDbContext db, NodeSigner signer, TimeProvider time, Microsoft.Extensions.Options.IOptions<Node.NodeOptions> node)
{
    public const string TokenType = "caravan-departure-card+jwt";

    /// <summary>The card for one of the person's departures; null when the departure is not theirs.</summary>
    public async Task<DepartureCard?> ForAsync(Person person, IReadOnlyList<Guid> recordIds, Guid departureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var departure = await db.Set<Departure>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == departureId && recordIds.Contains(d.PersonId), cancellationToken);
        if (departure is null)
        {
            return null;
        }

        var agency = departure.AgencyId is { } agencyId ? await db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken) : null;
        var card = await db.Set<Credential>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Kind == CredentialKind.DepartureCard && c.SubjectId == departure.Id, cancellationToken);
        if (card is null)
        {
            var code = CredentialCodes.New();
            var initials = Initials(person);
            var payload = new DepartureCardPayload(code, initials, departure.Destination, departure.City, departure.DepartureDate, agency?.Name, agency?.LicenceNumber,
                departure.EmployerName, [.. departure.ContractFlags.Select(f => f.Split('|')[0])], node.Value.Country);
            card = new Credential
            {
                Code = code,
                Kind = CredentialKind.DepartureCard,
                PersonId = person.Id,
                SubjectId = departure.Id,
                Initials = initials,
                About = departure.Destination,
                On = departure.DepartureDate,
                Token = await signer.SignAsync(TokenType, payload, cancellationToken),
                IssuedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Add(card);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two tabs asked at once: the other made the card, and that one is the card.
                db.ChangeTracker.Clear();
                card = await db.Set<Credential>().AsNoTracking()
                    .SingleAsync(c => c.Kind == CredentialKind.DepartureCard && c.SubjectId == departure.Id, cancellationToken);
            }
        }

        return new DepartureCard(card, departure, agency);
    }

    /// <summary>"Dilnoza Rahimova" → "D. R.": first letters of the given and family names.</summary>
    public static string Initials(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        static string First(string name) => string.IsNullOrWhiteSpace(name) ? string.Empty : char.ToUpperInvariant(name.Trim()[0]) + ".";
        return string.Join(' ', new[] { First(person.GivenName), First(person.FamilyName) }.Where(s => s.Length > 0));
    }
}
