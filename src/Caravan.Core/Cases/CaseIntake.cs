using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

/// <summary>
/// How a case comes in and how its reporter reaches it: opening (routed to a team, triaged, deadlines set), the
/// anonymous tip's tracking code, and the reporter's own messages.
/// </summary>
public sealed class CaseIntake(
    CaravanDbContext db,
    SensitiveData sensitive,
    IOptions<CaseOptions> options,
    FactWriter facts,
    CaseFacts caseFacts,
    CaseTimeline timeline,
    TimeProvider time)
{
    public const string ReferencePrefix = "CAS";
    private const string SequenceName = "case";
    private const long SequenceStart = 1000;
    private const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private CaseOptions Options => options.Value;

    /// <summary>
    /// Opens a case, or finds the one a first submission of the same form opened. The tracking code of an anonymous
    /// tip is derived from the form's key with the node's secret, so a second submission shows the same code.
    /// </summary>
    public async Task<(LegalCase LegalCase, string? TrackingCode, bool Created)> OpenAsync(CaseReport report, CaseChannel channel, Guid? personId, RegistryActor? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var trackingCode = channel == CaseChannel.Anonymous ? TrackingCodeFor(report.SubmissionKey) : null;
        var existing = await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.SubmissionKey == report.SubmissionKey, cancellationToken);
        if (existing is not null)
        {
            return (existing, trackingCode, false);
        }

        var team = await RouteAsync(report.CountryCode, report.City, channel, actor?.UserId, cancellationToken);
        var priority = Triage.Priority(report.Category, report.Indicators);
        var now = Now;
        var employer = string.IsNullOrWhiteSpace(report.EmployerName) ? null : report.EmployerName.Trim();
        var employerId = employer is null ? null : await db.Set<ForeignEmployer>()
            .Where(e => e.Name == employer && e.CountryCode == report.CountryCode).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var c = new LegalCase
        {
            Reference = ReferenceCode.Create(ReferencePrefix, await db.ReserveAsync(SequenceName, 1, SequenceStart, cancellationToken)),
            Channel = channel,
            Category = report.Category,
            Priority = priority,
            ComputedPriority = priority,
            PersonId = channel == CaseChannel.Anonymous ? null : personId,
            CountryCode = report.CountryCode,
            City = report.City?.Trim() ?? string.Empty,
            AgencyId = report.AgencyId,
            EmployerId = employerId,
            EmployerName = employer,
            NarrativeCipher = sensitive.Protect(report.Narrative.Trim()),
            IndicatorsCipher = sensitive.Protect(string.Join(',', report.Indicators.Distinct().Order())),
            IndicatorCount = report.Indicators.Distinct().Count(),
            TeamId = team.Id,
            Status = CaseStatus.Open,
            Language = report.Language,
            OpenedAt = now,
            OpenedById = channel == CaseChannel.Anonymous ? null : actor?.UserId,
            FirstContactDueAt = now + Options.FirstContactWithin(priority),
            ResolutionDueAt = now + Options.ResolutionWithin(priority),
            TrackingHash = trackingCode is null ? null : TrackingHash(trackingCode),
            SubmissionKey = report.SubmissionKey,
        };

        // A consular officer who opens a case in front of the migrant has made first contact and owns the case.
        if (channel is CaseChannel.Consular or CaseChannel.Hotline or CaseChannel.Office && actor?.UserId is { } staff && team.Members.Any(m => m.UserId == staff))
        {
            c.AssigneeId = staff;
            c.FirstContactAt = now;
        }

        db.Add(c);
        // The reporter's own opening is theirs, not a named actor's: the timeline says "you", and never shows a phone number.
        var openedEvent = timeline.Event(c, CaseEventKind.Opened, channel is CaseChannel.Anonymous or CaseChannel.Migrant ? null : actor, detail: channel.ToString());
        openedEvent.FromReporter = channel is CaseChannel.Anonymous or CaseChannel.Migrant;
        db.Add(openedEvent);
        db.Add(await caseFacts.FactAsync(c, FactKind.CaseOpened, cancellationToken));
        facts.AddCaseOpened(c, report.Indicators.Select(i => i.ToString()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Two submissions raced and the other won: it is the same report. Anything else is a real failure.
            var winner = await db.Set<LegalCase>().FirstOrDefaultAsync(x => x.SubmissionKey == report.SubmissionKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return (winner, trackingCode, false);
        }

        return (c, trackingCode, true);
    }

    /// <summary>The consulate in the city, else one in the country, else the home legal-aid team, else the hotline.</summary>
    private async Task<CaseTeam> RouteAsync(string country, string city, CaseChannel channel, Guid? actorId, CancellationToken cancellationToken)
    {
        var teams = await db.Set<CaseTeam>().Include(t => t.Members).AsNoTracking().ToListAsync(cancellationToken);
        if (channel is CaseChannel.Consular or CaseChannel.Hotline or CaseChannel.Office && actorId is { } staff
            && teams.FirstOrDefault(t => t.Members.Any(m => m.UserId == staff) && (channel != CaseChannel.Consular || t.CountryCode == country)) is { } own)
        {
            return own;
        }

        var consulates = teams.Where(t => t.Kind == TeamKind.Consulate && t.CountryCode == country).ToList();
        return consulates.FirstOrDefault(t => string.Equals(t.City, city?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? consulates.FirstOrDefault()
            ?? teams.FirstOrDefault(t => t.Kind == TeamKind.LegalAid)
            ?? teams.FirstOrDefault(t => t.Kind == TeamKind.Hotline)
            ?? throw new InvalidOperationException("The node has no case team; create one before taking cases.");
    }

    /// <summary>The migrant, or an anonymous reporter with the tracking code, writes to the case worker.</summary>
    public async Task<bool> ReporterMessageAsync(LegalCase c, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (string.IsNullOrWhiteSpace(text) || text.Length > CaseReport.MaxNarrative || c.Status != CaseStatus.Open)
        {
            return false;
        }

        var entry = timeline.Event(c, CaseEventKind.Message, null, text.Trim());
        entry.FromReporter = true;
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Finds an anonymous tip by its tracking code, whatever the case and dashes typed.</summary>
    public async Task<LegalCase?> ByTrackingCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var normalised = SensitiveData.NormaliseDocumentNumber(code ?? string.Empty);
        if (normalised.Length != 12)
        {
            return null;
        }

        var hash = TrackingHash(normalised);
        return await db.Set<LegalCase>().FirstOrDefaultAsync(c => c.TrackingHash == hash, cancellationToken);
    }

    private string TrackingCodeFor(Guid submissionKey)
    {
        var bytes = sensitive.KeyedHash("case-tracking-code", submissionKey.ToString("N"));
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TrackingAlphabet[bytes[i] % TrackingAlphabet.Length];
        }

        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    private string TrackingHash(string code) => sensitive.LookupHash("TRACK" + code);
}
