using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

/// <summary>A session as an officer plans it. Times are in UTC, as every session is stored and shown.</summary>
public sealed record SessionPlan(Guid? CourseId, Guid? CentreId, DateTime? StartsAt, string? Language, int? Capacity, Guid? TrainerId);

/// <summary>The outcome of a planning change: the saved row's id, or the field and the resource key of the reason.</summary>
public sealed record PlanningResult(Guid? Id, IReadOnlyList<(string Field, string Error)> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static PlanningResult Saved(Guid id) => new(id, []);

    public static PlanningResult Refused(params (string Field, string Error)[] errors) => new(null, errors);
}

/// <summary>
/// Officers plan training: centres, sessions and which trainer runs each. A session's capacity never drops below the
/// seats already taken, and a session that has started is not moved; both would strand people who enrolled.
/// </summary>
public sealed class TrainingPlanning(CaravanDbContext db, TimeProvider time)
{
    public const int MaxCapacity = 500;

    /// <summary>Languages a session can be taught in: the node's seven.</summary>
    public static readonly IReadOnlyList<string> Languages = ["uz", "uz-Cyrl", "ru", "kk", "ky", "tg", "en"];

    private static readonly EnrolmentStatus[] Seated = [EnrolmentStatus.Enrolled, EnrolmentStatus.Passed, EnrolmentStatus.Failed, EnrolmentStatus.Absent];

    public async Task<IReadOnlyList<Course>> CoursesAsync(CancellationToken cancellationToken = default) =>
        await db.Set<Course>().AsNoTracking().OrderBy(c => c.DestinationCountry).ThenBy(c => c.Topic).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TrainingCentre>> CentresAsync(CancellationToken cancellationToken = default) =>
        await db.Set<TrainingCentre>().AsNoTracking().OrderBy(c => c.City).ThenBy(c => c.Name).ToListAsync(cancellationToken);

    /// <summary>Active accounts in the Trainer role, by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TrainersAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Trainer && u.DeactivatedAt == null
                          select new { u.Id, Name = u.DisplayName ?? u.Email ?? u.UserName ?? "" }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).Select(r => (r.Id, r.Name))];
    }

    public Task<TrainingCentre?> CentreAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<TrainingCentre>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<PlanningResult> SaveCentreAsync(Guid? id, string? name, string? city, string? address, CancellationToken cancellationToken = default)
    {
        var errors = new List<(string, string)>();
        Required(errors, "Name", name, 200);
        Required(errors, "City", city, 100);
        Required(errors, "Address", address, 300);
        if (errors.Count > 0)
        {
            return new PlanningResult(null, errors);
        }

        TrainingCentre centre;
        if (id is { } existing)
        {
            var found = await db.Set<TrainingCentre>().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (found is null)
            {
                return PlanningResult.Refused(("", "Training.Plan.NotFound"));
            }

            centre = found;
            centre.Name = name!.Trim();
            centre.City = city!.Trim();
            centre.Address = address!.Trim();
        }
        else
        {
            centre = new TrainingCentre { Name = name!.Trim(), City = city!.Trim(), Address = address!.Trim() };
            db.Add(centre);
        }

        await db.SaveChangesAsync(cancellationToken);
        return PlanningResult.Saved(centre.Id);
    }

    /// <summary>Creates a session, or changes one on the version the officer was shown.</summary>
    public async Task<PlanningResult> SaveSessionAsync(Guid? id, Guid? seenVersion, SessionPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = time.GetUtcNow().UtcDateTime;
        TrainingSession? session = null;
        var taken = 0;
        if (id is { } existing)
        {
            session = await db.Set<TrainingSession>().SingleOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (session is null)
            {
                return PlanningResult.Refused(("", "Training.Plan.NotFound"));
            }

            if (seenVersion != session.Version)
            {
                return PlanningResult.Refused(("", "Records.ChangedMeanwhile"));
            }

            taken = await db.Set<Enrolment>().CountAsync(e => e.SessionId == existing && Seated.Contains(e.Status), cancellationToken);
        }

        var errors = new List<(string, string)>();
        if (plan.CourseId is not { } courseId || !await db.Set<Course>().AnyAsync(c => c.Id == courseId, cancellationToken))
        {
            errors.Add(("CourseId", "Training.Plan.CourseRequired"));
        }

        if (plan.CentreId is not { } centreId || !await db.Set<TrainingCentre>().AnyAsync(c => c.Id == centreId, cancellationToken))
        {
            errors.Add(("CentreId", "Training.Plan.CentreRequired"));
        }

        if (plan.StartsAt is not { } startsAt)
        {
            errors.Add(("StartsAt", "Training.Plan.WhenRequired"));
        }
        else if (session is not null && session.StartsAt <= now && startsAt != session.StartsAt)
        {
            errors.Add(("StartsAt", "Training.Plan.Started"));
        }
        else if ((session is null || startsAt != session.StartsAt) && startsAt <= now)
        {
            errors.Add(("StartsAt", "Training.Plan.WhenPast"));
        }

        if (plan.Language is null || !Languages.Contains(plan.Language))
        {
            errors.Add(("Language", "Training.Plan.LanguageRequired"));
        }

        if (plan.Capacity is not { } capacity || capacity < 1 || capacity > MaxCapacity)
        {
            errors.Add(("Capacity", "Training.Plan.CapacityRange"));
        }
        else if (capacity < taken)
        {
            errors.Add(("Capacity", "Training.Plan.CapacityBelowTaken"));
        }

        if (plan.TrainerId is { } trainerId && !(await TrainersAsync(cancellationToken)).Any(t => t.Id == trainerId))
        {
            errors.Add(("TrainerId", "Training.Plan.TrainerUnknown"));
        }

        if (errors.Count > 0)
        {
            return new PlanningResult(null, errors);
        }

        if (session is null)
        {
            session = new TrainingSession { Language = plan.Language! };
            db.Add(session);
        }

        if (session.Capacity != plan.Capacity)
        {
            session.SeatsChangedAt = now;
        }

        if (id is not null && plan.Capacity > taken)
        {
            // New seats go to the people waiting, first come first served, as a cancelled seat does.
            var waiting = await db.Set<Enrolment>().Where(e => e.SessionId == session.Id && e.Status == EnrolmentStatus.Waiting)
                .OrderBy(e => e.EnrolledAt).Take(plan.Capacity!.Value - taken).ToListAsync(cancellationToken);
            waiting.ForEach(e => e.Status = EnrolmentStatus.Enrolled);
        }

        session.CourseId = plan.CourseId!.Value;
        session.CentreId = plan.CentreId!.Value;
        session.StartsAt = plan.StartsAt!.Value;
        session.Language = plan.Language!;
        session.Capacity = plan.Capacity!.Value;
        session.TrainerId = plan.TrainerId;
        await db.SaveChangesAsync(cancellationToken);
        return PlanningResult.Saved(session.Id);
    }

    private static void Required(List<(string, string)> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, "Training.Plan.Required"));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add((field, "Training.Plan.TooLong"));
        }
    }
}
