using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Exchange;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Migrants;

/// <summary>
/// A citizen's work permit or contract as the destination country registered it and reported it under the agreement
/// (issue 17): the origin's registry learns where its citizen works without the destination ever sending a name.
/// </summary>
public sealed class EmploymentAbroad
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    /// <summary>The departure whose card the destination read, when the worker was named by one.</summary>
    public Guid? DepartureId { get; set; }

    /// <summary>The partner node that reported it.</summary>
    public Guid PartnerId { get; set; }

    public Guid MessageId { get; set; }

    public required string Destination { get; set; }

    public string? Region { get; set; }

    /// <summary>ISCO-08 code, as precise as the destination gave it.</summary>
    public string? Occupation { get; set; }

    /// <summary>workPermit, patent or contract.</summary>
    public required string PermitKind { get; set; }

    public string? EmployerName { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public DateTime ReceivedAt { get; set; }
}

internal sealed class EmploymentAbroadMapping : IEntityTypeConfiguration<EmploymentAbroad>
{
    public void Configure(EntityTypeBuilder<EmploymentAbroad> builder)
    {
        builder.ToTable("employment_abroad");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Destination).HasMaxLength(2);
        builder.Property(e => e.Region).HasMaxLength(10);
        builder.Property(e => e.Occupation).HasMaxLength(4);
        builder.Property(e => e.PermitKind).HasMaxLength(20);
        builder.Property(e => e.EmployerName).HasMaxLength(200);
        builder.HasIndex(e => e.PersonId);
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Receives "employment registered" from a destination: finds the citizen by the departure card the destination
/// read, or by the passport hash under the key agreed with that partner, and records the employment on their record
/// and in statistics. A card this node never issued, or revoked, or a hash that names nobody (or two people) matches
/// nobody and writes nothing but the inbox's note.
/// </summary>
public sealed class EmploymentRegisteredHandler(CaravanDbContext db, PassportIndex passports, MatchingKeys keys, TimeProvider time) : IExchangeHandler
{
    public const string Recorded = "recorded on the worker's record";
    public const string NoCard = "no matching departure card";
    public const string NoPassport = "no registered passport with this hash";
    public const string NoKey = "no passport-matching key agreed with this partner";

    // A delivery of hundreds of reports reads their cards and workers in two queries, not two per report.
    private readonly Dictionary<string, (Guid PersonId, Guid DepartureId)> cards = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Person> persons = [];
    private readonly Dictionary<(Guid Partner, string Hash), Guid> hashes = [];
    private readonly HashSet<Guid> keyed = [];
    private readonly HashSet<(Guid Partner, string Hash)> looked = [];

    public MessageType Type => MessageType.EmploymentRegistered;

    public async Task PrepareAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var codes = messages.Where(m => (string?)m.Envelope.Body["refKind"] == "departureCard")
            .Select(m => CredentialCodes.Normalise((string?)m.Envelope.Body["workerRef"])).OfType<string>().Distinct().ToList();
        foreach (var chunk in codes.Chunk(500))
        {
            foreach (var card in await db.Set<Credential>().AsNoTracking()
                .Where(c => chunk.Contains(c.Code) && c.Kind == CredentialKind.DepartureCard && c.RevokedAt == null)
                .Select(c => new { c.Code, c.PersonId, c.SubjectId }).ToListAsync(cancellationToken))
            {
                cards[card.Code] = (card.PersonId, card.SubjectId);
            }
        }

        foreach (var partner in messages.Where(m => (string?)m.Envelope.Body["refKind"] == "passportHash").GroupBy(m => m.Partner.Id))
        {
            await FindPassportsAsync(partner.Key, [.. partner.Select(m => (string?)m.Envelope.Body["workerRef"]).OfType<string>()], cancellationToken);
        }

        var ids = cards.Values.Select(c => c.PersonId).Concat(hashes.Values).Distinct().Where(id => !persons.ContainsKey(id)).ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var person in await db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken))
            {
                persons[person.Id] = person;
            }
        }
    }

    public async Task<string> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Envelope.Body;
        Person? person;
        Guid? departure = null;
        if ((string?)body["refKind"] == "passportHash")
        {
            var hash = (string?)body["workerRef"] ?? string.Empty;
            if (!looked.Contains((message.Partner.Id, hash)))
            {
                await PrepareAsync([message], cancellationToken);
            }

            if (!keyed.Contains(message.Partner.Id))
            {
                return NoKey;
            }

            if (!hashes.TryGetValue((message.Partner.Id, hash), out var id) || !persons.TryGetValue(id, out person))
            {
                return NoPassport;
            }
        }
        else
        {
            var code = CredentialCodes.Normalise((string?)body["workerRef"]);
            if (code is not null && !cards.ContainsKey(code))
            {
                await PrepareAsync([message], cancellationToken);
            }

            if (code is null || !cards.TryGetValue(code, out var card) || !persons.TryGetValue(card.PersonId, out person))
            {
                return NoCard;
            }

            departure = card.DepartureId;
        }

        var employment = new EmploymentAbroad
        {
            PersonId = person.Id,
            DepartureId = departure,
            PartnerId = message.Partner.Id,
            MessageId = message.Envelope.Id,
            Destination = (string)body["destination"]!,
            Region = (string?)body["region"],
            Occupation = (string?)body["occupation"],
            PermitKind = (string)body["permitKind"]!,
            EmployerName = (string?)body["employerName"],
            RegisteredOn = DateOnly.ParseExact((string)body["registeredOn"]!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(employment);
        db.Add(FactWriter.ForEmploymentAbroad(employment, FactPerson.Of(person), employment.ReceivedAt));
        return Recorded;
    }

    /// <summary>
    /// Looks the hashes up in the partner's index; if some name nobody, the index may lag the registry (a number
    /// typed a minute ago), so it catches up once and looks again before the report is taken as matching nobody.
    /// </summary>
    private async Task FindPassportsAsync(Guid partnerId, IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        looked.UnionWith(wanted.Select(h => (partnerId, h)));
        if (await keys.SetAtAsync(partnerId, cancellationToken) is null)
        {
            return;
        }

        keyed.Add(partnerId);
        var found = await passports.FindAsync(partnerId, wanted, cancellationToken);
        if (found.Count < wanted.Distinct(StringComparer.Ordinal).Count() && await passports.CatchUpAsync(partnerId, cancellationToken) > 0)
        {
            found = await passports.FindAsync(partnerId, wanted, cancellationToken);
        }

        foreach (var (hash, person) in found)
        {
            hashes[(partnerId, hash)] = person;
        }
    }
}
