using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

/// <summary>A session with how many seats are taken and how many people wait.</summary>
public sealed record SessionView(TrainingSession Session, int Taken, int Waiting)
{
    public int Free => Math.Max(0, Session.Capacity - Taken);
}

/// <summary>One of a person's enrolments, with its certificate once passed.</summary>
public sealed record PersonEnrolment(Enrolment Enrolment, Credential? Certificate);

public sealed class TrainingQueries(CaravanDbContext db, TimeProvider time)
{
    private static readonly EnrolmentStatus[] Seated = [EnrolmentStatus.Enrolled, EnrolmentStatus.Passed, EnrolmentStatus.Failed, EnrolmentStatus.Absent];

    /// <summary>Sessions that have not started, soonest first, optionally for one destination's courses.</summary>
    public async Task<IReadOnlyList<SessionView>> UpcomingAsync(string? destination = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sessions = await db.Set<TrainingSession>().AsNoTracking().Include(s => s.Course).Include(s => s.Centre)
            .Where(s => s.StartsAt > now)
            .Where(s => destination == null || s.Course!.DestinationCountry == destination || s.Course!.DestinationCountry == null)
            .OrderBy(s => s.StartsAt).Take(200).ToListAsync(cancellationToken);
        return await WithCountsAsync(sessions, cancellationToken);
    }

    public async Task<SessionView?> SessionAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var session = await db.Set<TrainingSession>().AsNoTracking().Include(s => s.Course).Include(s => s.Centre).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return session is null ? null : (await WithCountsAsync([session], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<PersonEnrolment>> ForPersonAsync(IReadOnlyList<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var enrolments = await db.Set<Enrolment>().AsNoTracking().Include(e => e.Session).ThenInclude(s => s!.Course).Include(e => e.Session).ThenInclude(s => s!.Centre)
            .Where(e => personIds.Contains(e.PersonId)).OrderByDescending(e => e.EnrolledAt).ToListAsync(cancellationToken);
        var ids = enrolments.Select(e => e.Id).ToList();
        var certificates = await db.Set<Credential>().AsNoTracking()
            .Where(c => c.Kind == CredentialKind.TrainingCertificate && ids.Contains(c.SubjectId)).ToDictionaryAsync(c => c.SubjectId, cancellationToken);
        return [.. enrolments.Select(e => new PersonEnrolment(e, certificates.GetValueOrDefault(e.Id)))];
    }

    /// <summary>The sessions a trainer runs, the most recent first.</summary>
    public async Task<IReadOnlyList<SessionView>> ForTrainerAsync(Guid trainerId, CancellationToken cancellationToken = default)
    {
        var sessions = await db.Set<TrainingSession>().AsNoTracking().Include(s => s.Course).Include(s => s.Centre)
            .Where(s => s.TrainerId == trainerId).OrderByDescending(s => s.StartsAt).Take(100).ToListAsync(cancellationToken);
        return await WithCountsAsync(sessions, cancellationToken);
    }

    /// <summary>The people in a session the trainer runs, in order of enrolment; null when it is not theirs.</summary>
    public async Task<(SessionView Session, IReadOnlyList<(Enrolment Enrolment, Person Person)> People)?> RosterAsync(Guid sessionId, Guid trainerId, CancellationToken cancellationToken = default)
    {
        var view = await SessionAsync(sessionId, cancellationToken);
        if (view is null || view.Session.TrainerId != trainerId)
        {
            return null;
        }

        var rows = await db.Set<Enrolment>().AsNoTracking().Where(e => e.SessionId == sessionId && e.Status != EnrolmentStatus.Cancelled)
            .Join(db.Set<Person>().AsNoTracking(), e => e.PersonId, p => p.Id, (e, p) => new { e, p })
            .OrderBy(x => x.e.Status == EnrolmentStatus.Waiting).ThenBy(x => x.e.EnrolledAt).ToListAsync(cancellationToken);
        return (view, [.. rows.Select(r => (r.e, r.p))]);
    }

    private async Task<IReadOnlyList<SessionView>> WithCountsAsync(List<TrainingSession> sessions, CancellationToken cancellationToken)
    {
        var ids = sessions.Select(s => s.Id).ToList();
        var counts = await db.Set<Enrolment>().AsNoTracking().Where(e => ids.Contains(e.SessionId))
            .GroupBy(e => new { e.SessionId, e.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. sessions.Select(s => new SessionView(s,
            counts.Where(c => c.SessionId == s.Id && Seated.Contains(c.Status)).Sum(c => c.Count),
            counts.Where(c => c.SessionId == s.Id && c.Status == EnrolmentStatus.Waiting).Sum(c => c.Count)))];
    }
}
