using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Statistics;

public sealed record BackfillResult(FactKind Kind, long Written, bool AlreadyDone);

/// <summary>
/// Writes the facts of a kind for records made before that kind was written live (the time its migration recorded
/// in <see cref="FactKindStatus"/>). Each kind is backfilled once, in one transaction with its status row, so a run
/// never writes a fact twice and never touches a fact already written: facts stay append-only.
/// </summary>
public sealed class FactBackfill(CaravanDbContext db, SensitiveData sensitive, TimeProvider time)
{
    public async Task<IReadOnlyList<BackfillResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<BackfillResult>();
        var statuses = await db.Set<FactKindStatus>().AsNoTracking().OrderBy(s => s.Kind).ToListAsync(cancellationToken);
        foreach (var status in statuses)
        {
            results.Add(await BackfillAsync(status.Kind, cancellationToken));
        }

        return results;
    }

    public async Task<BackfillResult> BackfillAsync(FactKind kind, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var status = await db.Set<FactKindStatus>().SingleOrDefaultAsync(s => s.Kind == kind, cancellationToken);
        if (status is null || status.BackfilledAt is not null)
        {
            return new BackfillResult(kind, 0, true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var facts = await FactsBeforeAsync(kind, status.IntroducedAt, now, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in facts.Chunk(5000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        var tracked = await db.Set<FactKindStatus>().SingleAsync(s => s.Kind == kind, cancellationToken);
        tracked.BackfilledAt = now;
        tracked.Backfilled = facts.Count;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BackfillResult(kind, facts.Count, false);
    }

    private async Task<List<Fact>> FactsBeforeAsync(FactKind kind, DateTime before, DateTime now, CancellationToken ct)
    {
        switch (kind)
        {
            case FactKind.Placement:
            case FactKind.RecruitmentCost:
                return await FromDeparturesAsync(kind, before, now, ct);
            case FactKind.FeeViolation:
                return [.. await FromDeparturesAsync(kind, before, now, ct), .. await FromInspectionsAsync(kind, before, now, ct)];
            case FactKind.Inspection:
                return await FromInspectionsAsync(kind, before, now, ct);
            case FactKind.Sanction:
                var decided = await db.Set<SanctionProposal>().AsNoTracking()
                    .Where(p => p.Status == ProposalStatus.SanctionProposed && p.DecidedAt < before).ToListAsync(ct);
                return [.. await FromInspectionsAsync(kind, before, now, ct),
                    .. decided.Select(p => new Fact { Kind = FactKind.Sanction, Date = DateOnly.FromDateTime(p.DecidedAt!.Value), AgencyId = p.AgencyId, Detail = FactWriter.FromCaseProposal, AgeBand = "unknown", RecordedAt = now })];
            case FactKind.StayEnded:
                return await StaysEndedAsync(before, now, ct);
            case FactKind.VacancyPublished:
                return (await db.Set<Vacancy>().AsNoTracking().Where(v => v.PublishedAt != null && v.PublishedAt < before).ToListAsync(ct))
                    .Select(v => FactWriter.ForVacancy(v, kind, v.PublishedAt!.Value, now)).ToList();
            case FactKind.VacancyClosed:
                return (await db.Set<Vacancy>().AsNoTracking().Where(v => v.PublishedAt != null && v.ClosedAt != null && v.ClosedAt < before).ToListAsync(ct))
                    .Select(v => FactWriter.ForVacancy(v, kind, v.ClosedAt!.Value, now)).ToList();
            case FactKind.Licence:
                return (await db.Set<LicenceEvent>().AsNoTracking().Where(e => e.At < before).ToListAsync(ct))
                    .Select(e => FactWriter.ForLicence(e, now)).ToList();
            case FactKind.TipReceived:
            case FactKind.CaseIndicator:
                var opened = await db.Set<LegalCase>().AsNoTracking().Where(c => c.OpenedAt < before).ToListAsync(ct);
                return [.. opened.SelectMany(c => FactWriter.ForCaseOpened(c, kind == FactKind.CaseIndicator ? IndicatorsOf(c) : [], now)).Where(f => f.Kind == kind)];
            case FactKind.WagesRecovered:
                var rates = await HistoricalRates.LoadAsync(db, ct);
                var closed = await db.Set<LegalCase>().AsNoTracking().Where(c => c.ClosedAt != null && c.ClosedAt < before && c.AmountRecovered != null).ToListAsync(ct);
                var people = await PeopleAsync(closed.Where(c => c.PersonId != null).Select(c => c.PersonId!.Value), ct);
                return [.. closed.Select(c => FactWriter.ForWagesRecovered(c, c.PersonId is { } id ? people.GetValueOrDefault(id, FactPerson.Unknown) : FactPerson.Unknown, rates, now)).OfType<Fact>()];
            case FactKind.Departure:
            case FactKind.Return:
            case FactKind.Registration:
            case FactKind.CaseOpened:
            case FactKind.CaseClosed:
            case FactKind.EmploymentRegistered:
            default:
                // Written live since the first release: there is nothing before them to backfill.
                return [];
        }
    }

    private string[] IndicatorsOf(LegalCase c) =>
        string.IsNullOrEmpty(c.IndicatorsCipher) ? [] : sensitive.Unprotect(c.IndicatorsCipher).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private async Task<List<Fact>> FromDeparturesAsync(FactKind kind, DateTime before, DateTime now, CancellationToken ct)
    {
        var departures = await db.Set<Departure>().AsNoTracking().Where(d => d.CreatedAt < before).ToListAsync(ct);
        var people = await PeopleAsync(departures.Select(d => d.PersonId), ct);
        var rates = await HistoricalRates.LoadAsync(db, ct);
        return [.. departures.SelectMany(d => FactWriter.ForDeparture(d, people.GetValueOrDefault(d.PersonId, FactPerson.Unknown), rates, now)).Where(f => f.Kind == kind)];
    }

    private async Task<List<Fact>> FromInspectionsAsync(FactKind kind, DateTime before, DateTime now, CancellationToken ct)
    {
        var inspections = await db.Set<Inspection>().AsNoTracking().Include(i => i.Violations).Where(i => i.RecordedAt < before).ToListAsync(ct);
        var feeCodes = (await db.Set<ViolationType>().Where(v => v.IsFeeViolation).Select(v => v.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. inspections.SelectMany(i => FactWriter.ForInspection(i, feeCodes, now)).Where(f => f.Kind == kind)];
    }

    private async Task<List<Fact>> StaysEndedAsync(DateTime before, DateTime now, CancellationToken ct)
    {
        var returns = await db.Set<PersonReturn>().AsNoTracking().Where(r => r.DepartureId != null && r.CreatedAt < before).ToListAsync(ct);
        var ids = returns.Select(r => r.DepartureId!.Value).ToList();
        var departures = await db.Set<Departure>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var people = await PeopleAsync(returns.Select(r => r.PersonId), ct);
        return [.. returns.Where(r => departures.ContainsKey(r.DepartureId!.Value))
            .SelectMany(r => FactWriter.ForReturn(r, people.GetValueOrDefault(r.PersonId, FactPerson.Unknown), departures[r.DepartureId!.Value], now))
            .Where(f => f.Kind == FactKind.StayEnded)];
    }

    private async Task<Dictionary<Guid, FactPerson>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, FactPerson>();
        foreach (var chunk in ids.Distinct().Chunk(1000))
        {
            var rows = await db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Sex, p.BirthDate, p.RegionCode }).ToListAsync(ct);
            foreach (var p in rows)
            {
                result[p.Id] = new FactPerson(FactPerson.FactSex(p.Sex), p.BirthDate, p.RegionCode);
            }
        }

        return result;
    }
}
