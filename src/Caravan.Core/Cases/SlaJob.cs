using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Caravan.Core.Node;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Cases;

/// <summary>
/// Escalates every open case past a deadline to its team's supervisors, once per deadline (first contact, then
/// resolution): the case is marked, its timeline says so, and each supervisor with a phone gets an SMS that carries no
/// case details. Idempotent.
/// </summary>
public sealed partial class SlaJob(CaravanDbContext db, ICaseNotifier notifier, IOptions<NodeOptions> node, TimeProvider time, ILogger<SlaJob> logger)
{
    public const string Id = "case-sla";
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var escalated = 0;
        var notify = new HashSet<Guid>();
        while (true)
        {
            var due = await db.Set<LegalCase>()
                .Where(c => c.Status == CaseStatus.Open
                    && ((c.EscalatedAt == null && c.FirstContactAt == null && c.FirstContactDueAt < now) || (!c.ResolutionEscalated && c.ResolutionDueAt < now)))
                .OrderBy(c => c.FirstContactDueAt).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var c in due)
            {
                // Each deadline is escalated once: first contact, then resolution if that is missed too.
                var resolution = c.ResolutionDueAt < now;
                c.EscalatedAt = now;
                c.ResolutionEscalated |= resolution;
                db.Add(new CaseEvent { CaseId = c.Id, At = now, Kind = CaseEventKind.Escalated, Detail = resolution ? "Resolution" : "FirstContact" });
                notify.Add(c.TeamId);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            escalated += due.Count;
        }

        if (notify.Count > 0)
        {
            var supervisors = await (from m in db.Set<CaseTeamMember>().AsNoTracking()
                                     join u in db.Users on m.UserId equals u.Id
                                     where m.IsSupervisor && notify.Contains(m.TeamId) && u.PhoneNumber != null
                                     select u.PhoneNumber).Distinct().ToListAsync(cancellationToken);
            foreach (var phone in supervisors.Where(PhoneNumbers.IsE164))
            {
                // Staff accounts carry no language; the node's default is the language its officers work in.
                await notifier.EscalatedAsync(phone!, node.Value.DefaultCulture, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await notifier.DeliverAsync(cancellationToken);
        }

        Log.Escalated(logger, escalated);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "SLA check escalated {Count} cases")]
        public static partial void Escalated(ILogger logger, int count);
    }
}
