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
/// read, and records the employment on their record and in statistics. A card this node never issued, or revoked,
/// matches nobody and writes nothing but the inbox's note. Workers named by a passport hash are not matched yet:
/// that needs a hash column kept under the key the two nodes agree (see the issue notes).
/// </summary>
public sealed class EmploymentRegisteredHandler(CaravanDbContext db, TimeProvider time) : IExchangeHandler
{
    public const string Recorded = "recorded on the worker's record";
    public const string NoCard = "no matching departure card";
    public const string NotMatched = "passport hashes are not matched on this node";

    // A delivery of hundreds of reports reads their cards and workers in two queries, not two per report.
    private readonly Dictionary<string, (Guid PersonId, Guid DepartureId)> cards = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Person> persons = [];

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

        var ids = cards.Values.Select(c => c.PersonId).Distinct().Where(id => !persons.ContainsKey(id)).ToList();
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
        if ((string?)body["refKind"] != "departureCard")
        {
            return NotMatched;
        }

        var code = CredentialCodes.Normalise((string?)body["workerRef"]);
        if (code is not null && !cards.ContainsKey(code))
        {
            await PrepareAsync([message], cancellationToken);
        }

        if (code is null || !cards.TryGetValue(code, out var card) || !persons.TryGetValue(card.PersonId, out var person))
        {
            return NoCard;
        }

        var employment = new EmploymentAbroad
        {
            PersonId = person.Id,
            DepartureId = card.DepartureId,
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
}
