using Caravan.Core.Statistics;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Agencies;

public static class LicensingRules
{
    public const int MaxReasonLength = 1000;
    public const string ApplicationPrefix = "APP";

    /// <summary>Reasons the system writes itself are resource keys, so each reader sees them in their language.</summary>
    public const string ExpiredReason = "Licence.Reason.Expired";
    public const string SuspensionEndedReason = "Licence.Reason.SuspensionEnded";

    /// <summary>Destinations an agency may ask to serve: the region's main labour corridors.</summary>
    public static readonly IReadOnlyList<string> Destinations = ["RU", "KZ", "KR", "TR", "AE", "DE", "GB", "PL", "JP", "IL", "SA", "QA"];

    /// <summary>ISCO-08 major groups, in the classification's order (armed forces last).</summary>
    public static readonly IReadOnlyList<string> Sectors = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

    public static readonly IReadOnlyList<string> GuaranteeCurrencies = ["UZS", "KZT", "KGS", "TJS", "USD", "EUR", "RUB"];
}

public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary>How long a new or renewed licence runs.</summary>
    [Range(1, 10)]
    public int ValidityYears { get; set; } = 3;

    /// <summary>When the expiry job runs (cron, UTC).</summary>
    [Required]
    public string ExpiryCron { get; set; } = "5 0 * * *";
}

public enum LicensingResult
{
    Done,
    NotFound,

    /// <summary>The record is not in a state that allows this step, such as suspending a revoked licence.</summary>
    NotAllowed,

    /// <summary>The application still misses answers.</summary>
    Incomplete,
}

/// <summary>
/// Every change to an application or a licence. Each method is one SaveChanges, so one transaction: the agency,
/// its history entry and the applicant's account change together or not at all. The context audits each write.
/// </summary>
public sealed class LicensingCommands(CaravanDbContext db, TimeProvider time, IOptions<LicensingOptions> options, IOptions<NodeOptions> node, FactWriter facts)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The applicant's newest application, with its documents.</summary>
    public Task<LicenceApplication?> CurrentAsync(Guid applicantId, CancellationToken cancellationToken = default) =>
        db.Set<LicenceApplication>().Include(a => a.Documents)
            .Where(a => a.ApplicantId == applicantId)
            .OrderByDescending(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The application being written, creating it on the first visit.</summary>
    public async Task<LicenceApplication> StartAsync(Guid applicantId, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(applicantId, cancellationToken);
        if (current is { Status: not ApplicationStatus.Refused })
        {
            return current;
        }

        var count = await db.Set<LicenceApplication>().CountAsync(cancellationToken);
        var application = new LicenceApplication
        {
            Reference = ReferenceCode.Create(LicensingRules.ApplicationPrefix, count + 1),
            ApplicantId = applicantId,
            Status = ApplicationStatus.Draft,
            CreatedAt = Now,
        };
        db.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return application;
    }

    public Task SaveAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Adds a document row explicitly: its key is set client-side, so reaching it through the collection would read as an update.</summary>
    public async Task AddDocumentAsync(LicenceApplication application, LicenceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        db.Add(document);
        application.Documents.Add(document);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<LicensingResult> SubmitAsync(LicenceApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!application.IsEditable)
        {
            return LicensingResult.NotAllowed;
        }

        if (application.MissingSteps().Count > 0)
        {
            return LicensingResult.Incomplete;
        }

        application.Status = ApplicationStatus.Submitted;
        application.SubmittedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return LicensingResult.Done;
    }

    public Task<List<LicenceApplication>> AwaitingDecisionAsync(CancellationToken cancellationToken = default) =>
        db.Set<LicenceApplication>().AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted)
            .OrderBy(a => a.SubmittedAt)
            .ToListAsync(cancellationToken);

    public Task<LicenceApplication?> ApplicationAsync(string reference, CancellationToken cancellationToken = default) =>
        db.Set<LicenceApplication>().Include(a => a.Documents).SingleOrDefaultAsync(a => a.Reference == reference, cancellationToken);

    public async Task<LicensingResult> RequestChangesAsync(string reference, string reason, CancellationToken cancellationToken = default) =>
        await DecideAsync(reference, ApplicationStatus.ChangesRequested, reason, cancellationToken);

    public async Task<LicensingResult> RefuseAsync(string reference, string reason, CancellationToken cancellationToken = default) =>
        await DecideAsync(reference, ApplicationStatus.Refused, reason, cancellationToken);

    /// <summary>Issues the licence: creates the agency, numbers its licence, and gives the applicant its scope.</summary>
    public async Task<(LicensingResult Result, Agency? Agency)> ApproveAsync(string reference, Guid officerId, string reason, CancellationToken cancellationToken = default)
    {
        var application = await ApplicationAsync(reference, cancellationToken);
        if (application is null)
        {
            return (LicensingResult.NotFound, null);
        }

        if (application.Status != ApplicationStatus.Submitted)
        {
            return (LicensingResult.NotAllowed, null);
        }

        var validUntil = Today.AddYears(options.Value.ValidityYears);
        var agency = new Agency
        {
            Name = application.LegalName!,
            RegistrationNumber = application.RegistrationNumber!,
            LicenceNumber = await NextLicenceNumberAsync(cancellationToken),
            LicenceStatus = LicenceStatus.Valid,
            LicenceValidUntil = validUntil,
            CountryCode = node.Value.Country,
            RegionCode = application.RegionCode,
            Address = application.Address,
            Email = application.Email,
            Phone = application.Phone,
            Sectors = [.. application.Sectors],
            GuaranteeAmount = application.GuaranteeAmount,
            GuaranteeCurrency = application.GuaranteeCurrency,
            Destinations = [.. application.Destinations.Select(c => new AgencyDestination { CountryCode = c })],
        };
        db.Add(agency);
        AddEvent(new LicenceEvent { AgencyId = agency.Id, Kind = LicenceEventKind.Issued, Reason = reason, At = Now, ActorId = officerId, ValidUntil = validUntil });
        application.Status = ApplicationStatus.Approved;
        application.DecidedAt = Now;
        application.DecisionReason = reason;
        application.AgencyId = agency.Id;
        var applicant = await db.Set<CaravanUser>().SingleOrDefaultAsync(u => u.Id == application.ApplicantId, cancellationToken);
        if (applicant is not null)
        {
            applicant.AgencyId = agency.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (LicensingResult.Done, agency);
    }

    public Task<Agency?> AgencyAsync(string licenceNumber, CancellationToken cancellationToken = default) =>
        db.Set<Agency>().Include(a => a.Destinations).SingleOrDefaultAsync(a => a.LicenceNumber == licenceNumber, cancellationToken);

    public Task<Agency?> AgencyByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<List<LicenceEvent>> HistoryAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<LicenceEvent>().AsNoTracking().Where(e => e.AgencyId == agencyId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);

    public async Task<LicensingResult> RenewAsync(Agency agency, Guid officerId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.LicenceStatus is not (LicenceStatus.Valid or LicenceStatus.Expired))
        {
            return LicensingResult.NotAllowed;
        }

        var from = agency.LicenceValidUntil is { } until && until > Today ? until : Today;
        agency.LicenceValidUntil = from.AddYears(options.Value.ValidityYears);
        agency.LicenceStatus = LicenceStatus.Valid;
        agency.StatusReason = null;
        return await RecordAsync(agency, LicenceEventKind.Renewed, officerId, reason, cancellationToken);
    }

    public async Task<LicensingResult> SuspendAsync(Agency agency, Guid officerId, DateOnly until, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.EffectiveStatus(Today) != LicenceStatus.Valid || until <= Today)
        {
            return LicensingResult.NotAllowed;
        }

        agency.LicenceStatus = LicenceStatus.Suspended;
        agency.SuspendedUntil = until;
        agency.StatusReason = reason;
        return await RecordAsync(agency, LicenceEventKind.Suspended, officerId, reason, cancellationToken);
    }

    public async Task<LicensingResult> ReinstateAsync(Agency agency, Guid? officerId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.LicenceStatus != LicenceStatus.Suspended)
        {
            return LicensingResult.NotAllowed;
        }

        agency.LicenceStatus = LicenceStatus.Valid;
        agency.SuspendedUntil = null;
        agency.StatusReason = null;
        return await RecordAsync(agency, LicenceEventKind.Reinstated, officerId, reason, cancellationToken);
    }

    public async Task<LicensingResult> RevokeAsync(Agency agency, Guid officerId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.LicenceStatus is not (LicenceStatus.Valid or LicenceStatus.Suspended))
        {
            return LicensingResult.NotAllowed;
        }

        agency.LicenceStatus = LicenceStatus.Revoked;
        agency.SuspendedUntil = null;
        agency.StatusReason = reason;
        return await RecordAsync(agency, LicenceEventKind.Revoked, officerId, reason, cancellationToken);
    }

    /// <summary>
    /// The daily job: records the expiry of licences past their end date and ends suspensions past theirs.
    /// Idempotent, so a retried or doubled run changes nothing more.
    /// </summary>
    public async Task<int> ApplyDueChangesAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        var expiring = await db.Set<Agency>()
            .Where(a => a.LicenceStatus == LicenceStatus.Valid && a.LicenceValidUntil != null && a.LicenceValidUntil < today)
            .ToListAsync(cancellationToken);
        foreach (var agency in expiring)
        {
            agency.LicenceStatus = LicenceStatus.Expired;
            agency.StatusReason = LicensingRules.ExpiredReason;
            AddEvent(new LicenceEvent { AgencyId = agency.Id, Kind = LicenceEventKind.Expired, Reason = LicensingRules.ExpiredReason, At = Now, ValidUntil = agency.LicenceValidUntil });
        }

        var ending = await db.Set<Agency>()
            .Where(a => a.LicenceStatus == LicenceStatus.Suspended && a.SuspendedUntil != null && a.SuspendedUntil < today)
            .ToListAsync(cancellationToken);
        foreach (var agency in ending)
        {
            agency.LicenceStatus = agency.LicenceValidUntil is { } until && until < today ? LicenceStatus.Expired : LicenceStatus.Valid;
            agency.SuspendedUntil = null;
            agency.StatusReason = agency.LicenceStatus == LicenceStatus.Expired ? LicensingRules.ExpiredReason : null;
            AddEvent(new LicenceEvent { AgencyId = agency.Id, Kind = LicenceEventKind.Reinstated, Reason = LicensingRules.SuspensionEndedReason, At = Now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return expiring.Count + ending.Count;
    }

    /// <summary>Every change of a licence is counted in the same save as its history entry.</summary>
    private void AddEvent(LicenceEvent change)
    {
        db.Add(change);
        facts.AddLicence(change);
    }

    private async Task<LicensingResult> RecordAsync(Agency agency, LicenceEventKind kind, Guid? officerId, string reason, CancellationToken cancellationToken)
    {
        AddEvent(new LicenceEvent
        {
            AgencyId = agency.Id,
            Kind = kind,
            Reason = reason,
            At = Now,
            ActorId = officerId,
            ValidUntil = agency.LicenceValidUntil,
            SuspendedUntil = agency.SuspendedUntil,
        });
        await db.SaveChangesAsync(cancellationToken);
        return LicensingResult.Done;
    }

    private async Task<LicensingResult> DecideAsync(string reference, ApplicationStatus outcome, string reason, CancellationToken cancellationToken)
    {
        var application = await ApplicationAsync(reference, cancellationToken);
        if (application is null)
        {
            return LicensingResult.NotFound;
        }

        if (application.Status != ApplicationStatus.Submitted)
        {
            return LicensingResult.NotAllowed;
        }

        application.Status = outcome;
        application.DecidedAt = Now;
        application.DecisionReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        return LicensingResult.Done;
    }

    /// <summary>One above the highest number issued so far; the unique index stops two officers taking the same one.</summary>
    private async Task<string> NextLicenceNumberAsync(CancellationToken cancellationToken)
    {
        var numbers = await db.Set<Agency>().Where(a => a.LicenceNumber != null).Select(a => a.LicenceNumber!).ToListAsync(cancellationToken);
        var highest = numbers
            .Select(n => n.Length > 5 && long.TryParse(n.AsSpan(4, n.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0)
            .Max();
        return ReferenceCode.Create(AgencyQueries.LicencePrefix, Math.Max(highest + 1, 1000));
    }
}
