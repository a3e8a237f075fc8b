using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Training;

/// <summary>
/// The demo node's courses, two centres and the next weeks' sessions, run by the demo trainer. Idempotent: it adds
/// nothing when the node has any course.
/// </summary>
public sealed class DemoTraining(CaravanDbContext db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<Course>().AnyAsync(cancellationToken))
        {
            return;
        }

        // A variable, not the constant: EF Core writes constants into the SQL as literals, and SQL reaches the logs.
        var email = DemoAccounts.TrainerEmail;
        var trainer = await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var tashkent = new TrainingCentre { Name = "Tashkent Pre-departure Training Centre", City = "Tashkent", Address = "Demo address: Chilanzar district, Tashkent" };
        var samarkand = new TrainingCentre { Name = "Samarkand Migration Information Centre", City = "Samarkand", Address = "Demo address: Registan street, Samarkand" };
        var courses = new[]
        {
            new Course { Topic = CourseTopic.RightsAndLaw, DestinationCountry = "RU", Hours = 4 },
            new Course { Topic = CourseTopic.RightsAndLaw, DestinationCountry = "KZ", Hours = 4 },
            new Course { Topic = CourseTopic.LanguageBasics, DestinationCountry = "RU", Hours = 8 },
            new Course { Topic = CourseTopic.MoneyAndRemittances, Hours = 2 },
            new Course { Topic = CourseTopic.HealthAndSafety, Hours = 2 },
            new Course { Topic = CourseTopic.TraffickingAndForcedLabour, Hours = 2 },
            new Course { Topic = CourseTopic.Culture, DestinationCountry = "KR", Hours = 3 },
        };
        db.AddRange(tashkent, samarkand);
        db.AddRange(courses);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sessions = new List<TrainingSession>();
        for (var i = 0; i < courses.Length; i++)
        {
            foreach (var (centre, language, offset) in new[] { (tashkent, "uz", 3), (samarkand, "tg", 5), (tashkent, "ru", 9) })
            {
                sessions.Add(new TrainingSession
                {
                    CourseId = courses[i].Id,
                    CentreId = centre.Id,
                    StartsAt = today.AddDays(offset + i).ToDateTime(new TimeOnly(10, 0)),
                    Language = language,
                    Capacity = 20,
                    TrainerId = trainer,
                });
            }
        }

        db.AddRange(sessions);
        await db.SaveChangesAsync(cancellationToken);
    }
}
