using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

/// <summary>
/// Reminds each enrolled person of their session the day before (from <see cref="Lead"/> ahead), once: the enrolment is
/// marked in the same save as the queued SMS, so a rerun or a second replica sends nothing twice. A person enrolled
/// later than that still gets one reminder, if the session has not started.
/// </summary>
public sealed class TrainingReminderJob(CaravanDbContext db, MigrantNotices notices, TimeProvider time)
{
    public const string Id = "training-reminders";

    public static readonly TimeSpan Lead = TimeSpan.FromHours(30);

    private const int Batch = 200;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Lead;
        var reminded = 0;
        while (true)
        {
            var due = await db.Set<Enrolment>().Include(e => e.Session)
                .Where(e => e.Status == EnrolmentStatus.Enrolled && e.RemindedAt == null && e.Session!.StartsAt > now && e.Session.StartsAt <= until)
                .OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return reminded;
            }

            foreach (var enrolment in due)
            {
                enrolment.RemindedAt = now;
                // The same date and time as the session pages show, so the SMS and the page never disagree.
                await notices.QueueAsync(enrolment.PersonId, MigrantNotice.SessionReminder, cancellationToken,
                    enrolment.Session!.StartsAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            reminded += due.Count;
        }
    }
}
