using System.Text.Json.Nodes;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Exchange;

/// <summary>
/// A foreign worker's employment, as this (destination) node registered it and reported it to the worker's country.
/// It holds the departure card's code, or the last two characters of the passport number, never a name: the card, or
/// the passport number hashed under the key the two nodes agreed, is how they agree who the worker is.
/// </summary>
public sealed class EmploymentReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PartnerId { get; set; }

    /// <summary>The outbox message that carries it; its status is the report's delivery status.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The departure card's code, when the worker was named by their card.</summary>
    public string? CardCode { get; set; }

    /// <summary>The passport number masked to its last two characters, when the worker was named by its hash.</summary>
    public string? DocumentHint { get; set; }

    public string? Region { get; set; }

    public string? Occupation { get; set; }

    public required string PermitKind { get; set; }

    public string? EmployerName { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class EmploymentReportMapping : IEntityTypeConfiguration<EmploymentReport>
{
    public void Configure(EntityTypeBuilder<EmploymentReport> builder)
    {
        builder.ToTable("employment_reports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.CardCode).HasMaxLength(20);
        builder.Property(e => e.DocumentHint).HasMaxLength(20);
        builder.Property(e => e.Region).HasMaxLength(10);
        builder.Property(e => e.Occupation).HasMaxLength(4);
        builder.Property(e => e.PermitKind).HasMaxLength(20);
        builder.Property(e => e.EmployerName).HasMaxLength(200);
        builder.HasIndex(e => e.CreatedAt);
        builder.HasIndex(e => e.MessageId).IsUnique();
    }
}

/// <summary>What an officer typed to register a foreign worker's employment: the worker by card code or by passport number.</summary>
public sealed record EmploymentInput(Guid? PartnerId, string? CardCode, string? PermitKind, string? Occupation, string? Region, string? EmployerName, DateOnly? RegisteredOn)
{
    public string? PassportNumber { get; init; }
}

/// <summary>Which field is wrong and why, as a resource key the page shows in the reader's language.</summary>
public sealed record ExchangeFieldError(string Field, string Key);

/// <summary>A report as the officer's list shows it, with where its message is.</summary>
public sealed record EmploymentReportRow(Guid Id, string Partner, string Worker, string PermitKind, string? Occupation, DateOnly RegisteredOn, DateTime CreatedAt, MessageStatus? Delivery, string? DeliveryError);

/// <summary>
/// Registers foreign workers' employment and reports each to the worker's country in the same transaction, so a
/// registration is never kept without its message, nor a message sent for a registration that failed.
/// </summary>
public sealed class EmploymentReports(CaravanDbContext db, ExchangeOutbox outbox, TrustListQueries partners, MatchingKeys keys, TimeProvider time, IOptions<NodeOptions> node)
{
    public static readonly IReadOnlyList<string> PermitKinds = ["workPermit", "patent", "contract"];

    /// <summary>Partners this node may report employment to: the agreement in force and the flow allowed.</summary>
    public Task<IReadOnlyList<PartnerNode>> PartnersAsync(CancellationToken cancellationToken = default) => partners.SendingAsync(MessageType.EmploymentRegistered, cancellationToken);

    public async Task<(EmploymentReport? Report, IReadOnlyList<ExchangeFieldError> Errors, TrustDecision Decision)> RegisterAsync(EmploymentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ExchangeFieldError>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (input.PartnerId is null)
        {
            errors.Add(new("PartnerId", "Exchange.Error.PartnerRequired"));
        }

        // The worker by exactly one of card or passport: two references could name two different people.
        string? code = null, passportHash = null, hint = null;
        var byPassport = !string.IsNullOrWhiteSpace(input.PassportNumber);
        if (byPassport && !string.IsNullOrWhiteSpace(input.CardCode))
        {
            errors.Add(new("CardCode", "Exchange.Error.WorkerBoth"));
        }
        else if (byPassport)
        {
            var key = input.PartnerId is { } partner ? await keys.KeyAsync(partner, cancellationToken) : null;
            if (Migrants.PersonInput.CheckDocument(input.PassportNumber, required: true) is not null)
            {
                errors.Add(new("PassportNumber", "Exchange.Error.Passport"));
            }
            else if (input.PartnerId is not null && key is null)
            {
                errors.Add(new("PassportNumber", "Exchange.Error.NoMatchingKey"));
            }
            else if (key is not null)
            {
                passportHash = PassportHashes.Compute(key, input.PassportNumber!);
                hint = SensitiveData.Mask(input.PassportNumber!);
            }
        }
        else
        {
            code = CredentialCodes.Normalise(input.CardCode);
            if (code is null)
            {
                errors.Add(new("CardCode", "Exchange.Error.CardCode"));
            }
        }

        if (input.PermitKind is null || !PermitKinds.Contains(input.PermitKind))
        {
            errors.Add(new("PermitKind", "Exchange.Error.PermitKind"));
        }

        var occupation = string.IsNullOrWhiteSpace(input.Occupation) ? null : input.Occupation.Trim();
        if (occupation is not null && !await db.Set<IscoGroup>().AnyAsync(g => g.Code == occupation, cancellationToken))
        {
            errors.Add(new("Occupation", "Exchange.Error.Occupation"));
        }

        var region = string.IsNullOrWhiteSpace(input.Region) ? null : input.Region.Trim().ToUpperInvariant();
        if (region is not null && !await db.Set<Subdivision>().AnyAsync(s => s.Code == region && s.CountryCode == node.Value.Country, cancellationToken))
        {
            errors.Add(new("Region", "Exchange.Error.Region"));
        }

        var employer = string.IsNullOrWhiteSpace(input.EmployerName) ? null : input.EmployerName.Trim();
        if (employer is { Length: > 200 })
        {
            errors.Add(new("EmployerName", "Exchange.Error.Employer"));
        }

        if (input.RegisteredOn is not { } on || on > today || on < today.AddYears(-5))
        {
            errors.Add(new("RegisteredOn", "Exchange.Error.RegisteredOn"));
        }

        if (errors.Count > 0)
        {
            return (null, errors, TrustDecision.Allowed);
        }

        var body = new JsonObject
        {
            ["workerRef"] = passportHash ?? code,
            ["refKind"] = passportHash is null ? "departureCard" : "passportHash",
            ["destination"] = node.Value.Country,
            ["permitKind"] = input.PermitKind,
            ["registeredOn"] = input.RegisteredOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (region is not null)
        {
            body["region"] = region;
        }

        if (occupation is not null)
        {
            body["occupation"] = occupation;
        }

        if (employer is not null)
        {
            body["employerName"] = employer;
        }

        var queued = await outbox.AddAsync(input.PartnerId!.Value, MessageType.EmploymentRegistered, body, cancellationToken);
        if (!queued.Queued)
        {
            return (null, [], queued.Decision);
        }

        var report = new EmploymentReport
        {
            PartnerId = input.PartnerId.Value,
            MessageId = queued.MessageId!.Value,
            CardCode = code,
            DocumentHint = hint,
            Region = region,
            Occupation = occupation,
            PermitKind = input.PermitKind!,
            EmployerName = employer,
            RegisteredOn = input.RegisteredOn.Value,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Send();
        return (report, [], TrustDecision.Allowed);
    }

    public async Task<IReadOnlyList<EmploymentReportRow>> RecentAsync(int take = 50, CancellationToken cancellationToken = default) =>
        await (from r in db.Set<EmploymentReport>().AsNoTracking()
               join p in db.Set<PartnerNode>() on r.PartnerId equals p.Id
               join m in db.Set<OutboxMessage>() on r.MessageId equals m.Id into messages
               from m in messages.DefaultIfEmpty()
               orderby r.CreatedAt descending
               select new EmploymentReportRow(r.Id, p.Name, r.CardCode ?? r.DocumentHint ?? "", r.PermitKind, r.Occupation, r.RegisteredOn, r.CreatedAt, m == null ? null : m.Status, m == null ? null : m.LastError))
            .Take(take).ToListAsync(cancellationToken);
}
