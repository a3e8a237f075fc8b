using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Cases;

/// <summary>The statistical facts a case reports when it opens and closes, with the person's sex, age band and region only.</summary>
public sealed class CaseFacts(CaravanDbContext db, TimeProvider time)
{
    public async Task<FactPerson> PersonAsync(LegalCase c, CancellationToken cancellationToken) =>
        c.PersonId is { } p
            ? await db.Set<Person>().AsNoTracking().Where(x => x.Id == p).Select(x => new FactPerson(x.Sex == Sex.Female ? "F" : x.Sex == Sex.Male ? "M" : null, x.BirthDate, x.RegionCode))
                .FirstOrDefaultAsync(cancellationToken) ?? FactPerson.Unknown
            : FactPerson.Unknown;

    public async Task<Fact> FactAsync(LegalCase c, FactKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var person = await PersonAsync(c, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var closed = kind == FactKind.CaseClosed;
        return new Fact
        {
            Kind = kind,
            Date = today,
            Sex = person.Sex,
            AgeBand = Fact.AgeBandOf(person.BirthDate, today),
            RegionOfOrigin = person.Region,
            Destination = c.CountryCode,
            AgencyId = c.AgencyId,
            Detail = c.Category.ToString(),
            Priority = c.Priority.ToString(),
            Outcome = closed ? c.Outcome?.ToString() : null,
            DaysToFirstContact = closed && c.FirstContactAt is { } first ? (int)(first - c.OpenedAt).TotalDays : null,
            DaysToClose = closed && c.ClosedAt is { } end ? (int)(end - c.OpenedAt).TotalDays : null,
            RecordedAt = now,
        };
    }
}
