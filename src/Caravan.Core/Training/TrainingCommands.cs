using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

public enum EnrolResult
{
    Enrolled,

    /// <summary>On the waiting list, as asked.</summary>
    Waiting,

    /// <summary>The session is full: nothing was written, and the person may ask for the waiting list.</summary>
    Full,
    AlreadyEnrolled,
    NotFound,

    /// <summary>The session has started or is over.</summary>
    Closed,
}

public enum AssessResult
{
    Done,

    /// <summary>No such enrolment in a session this trainer runs.</summary>
    NotFound,

    /// <summary>Attendance is recorded on or after the session's day, for people with a seat.</summary>
    NotYet,
    NotEnrolled,
}

/// <summary>
/// Enrolment, with a waiting list when a session is full, and the trainer's record of attendance and assessment. A pass
/// issues the signed certificate in the same transaction.
/// </summary>
public sealed class TrainingCommands(CaravanDbContext db, TimeProvider time, TrainingCertificates certificates, Messaging.MigrantNotices notices)
{
    private static readonly EnrolmentStatus[] Seated = [EnrolmentStatus.Enrolled, EnrolmentStatus.Passed, EnrolmentStatus.Failed, EnrolmentStatus.Absent];

    public async Task<EnrolResult> EnrolAsync(Guid sessionId, Guid personId, string enrolledBy, bool waitingList, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EnrolOnceAsync(sessionId, personId, enrolledBy, waitingList, cancellationToken);
            }
            catch (Exception e) when (attempt < 3 && e is DbUpdateConcurrencyException or DbUpdateException)
            {
                // Someone else took a seat, or the same person enrolled twice at once: ask again with the new count.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<EnrolResult> EnrolOnceAsync(Guid sessionId, Guid personId, string enrolledBy, bool waitingList, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = await db.Set<TrainingSession>().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return EnrolResult.NotFound;
        }

        if (session.StartsAt <= now)
        {
            return EnrolResult.Closed;
        }

        var mine = await db.Set<Enrolment>().SingleOrDefaultAsync(e => e.SessionId == sessionId && e.PersonId == personId, cancellationToken);
        if (mine is not null && mine.Status != EnrolmentStatus.Cancelled)
        {
            return EnrolResult.AlreadyEnrolled;
        }

        var taken = await db.Set<Enrolment>().CountAsync(e => e.SessionId == sessionId && Seated.Contains(e.Status), cancellationToken);
        var full = taken >= session.Capacity;
        if (full && !waitingList)
        {
            return EnrolResult.Full;
        }

        if (mine is null)
        {
            mine = new Enrolment { SessionId = sessionId, PersonId = personId, EnrolledBy = enrolledBy };
            db.Add(mine);
        }

        mine.Status = full ? EnrolmentStatus.Waiting : EnrolmentStatus.Enrolled;
        mine.EnrolledAt = now;
        mine.EnrolledBy = enrolledBy;
        session.SeatsChangedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return full ? EnrolResult.Waiting : EnrolResult.Enrolled;
    }

    /// <summary>Gives up a seat or a place on the waiting list; a freed seat goes to the first person waiting.</summary>
    public async Task<bool> CancelAsync(Guid enrolmentId, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var mine = await db.Set<Enrolment>().Include(e => e.Session)
            .SingleOrDefaultAsync(e => e.Id == enrolmentId && personIds.Contains(e.PersonId), cancellationToken);
        if (mine is null || mine.Status is not (EnrolmentStatus.Enrolled or EnrolmentStatus.Waiting) || mine.Session!.StartsAt <= time.GetUtcNow().UtcDateTime)
        {
            return false;
        }

        var hadSeat = mine.Status == EnrolmentStatus.Enrolled;
        mine.Status = EnrolmentStatus.Cancelled;
        mine.Session.SeatsChangedAt = time.GetUtcNow().UtcDateTime;
        if (hadSeat)
        {
            var next = await db.Set<Enrolment>().Where(e => e.SessionId == mine.SessionId && e.Status == EnrolmentStatus.Waiting)
                .OrderBy(e => e.EnrolledAt).FirstOrDefaultAsync(cancellationToken);
            if (next is not null)
            {
                next.Status = EnrolmentStatus.Enrolled;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The trainer of the session records whether the person attended and passed; a pass issues the certificate.</summary>
    public async Task<AssessResult> AssessAsync(Guid trainerId, Guid enrolmentId, EnrolmentStatus outcome, CancellationToken cancellationToken = default)
    {
        if (outcome is not (EnrolmentStatus.Passed or EnrolmentStatus.Failed or EnrolmentStatus.Absent))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An assessment is passed, failed or absent.");
        }

        var enrolment = await db.Set<Enrolment>().Include(e => e.Session).ThenInclude(s => s!.Course)
            .SingleOrDefaultAsync(e => e.Id == enrolmentId && e.Session!.TrainerId == trainerId, cancellationToken);
        if (enrolment is null)
        {
            return AssessResult.NotFound;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (DateOnly.FromDateTime(enrolment.Session!.StartsAt) > DateOnly.FromDateTime(now))
        {
            return AssessResult.NotYet;
        }

        if (enrolment.Status is EnrolmentStatus.Waiting or EnrolmentStatus.Cancelled)
        {
            return AssessResult.NotEnrolled;
        }

        var passedBefore = enrolment.Status == EnrolmentStatus.Passed;
        enrolment.Status = outcome;
        enrolment.AssessedAt = now;
        if (outcome == EnrolmentStatus.Passed)
        {
            var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == enrolment.PersonId, cancellationToken);
            await certificates.AddAsync(enrolment, person, cancellationToken);
            if (!passedBefore)
            {
                await notices.QueueAsync(person.Id, Messaging.MigrantNotice.CertificateIssued, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return AssessResult.Done;
    }
}
