using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

public enum CloseVacancyResult
{
    Closed,
    NotFound,
    AlreadyClosed,
}

/// <summary>Writes to vacancies. Each method is one transaction, audited by the context.</summary>
public sealed class VacancyCommands(CaravanDbContext db, TimeProvider time)
{
    public const int MaxReasonLength = 500;

    /// <summary>Closes one of the agency's own vacancies; another agency's is reported as not found.</summary>
    public async Task<CloseVacancyResult> CloseAsync(Guid agencyId, string reference, string reason, CancellationToken cancellationToken = default)
    {
        var vacancy = await db.Set<Vacancy>().SingleOrDefaultAsync(v => v.Reference == reference && v.AgencyId == agencyId, cancellationToken);
        if (vacancy is null)
        {
            return CloseVacancyResult.NotFound;
        }

        if (vacancy.Status == VacancyStatus.Closed)
        {
            return CloseVacancyResult.AlreadyClosed;
        }

        vacancy.Status = VacancyStatus.Closed;
        vacancy.ClosedAt = time.GetUtcNow().UtcDateTime;
        vacancy.ClosedReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        return CloseVacancyResult.Closed;
    }
}
