using Caravan.Core.Statistics;
using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Agencies;

public sealed record InspectionInput(DateOnly? InspectedOn, string? Findings, IReadOnlyList<string> Violations, ProposedSanction? Sanction, DateOnly? ResponseDeadline);

/// <summary>Inspections and the violations catalogue. Each write is one SaveChanges and audited.</summary>
public sealed class InspectionCommands(CaravanDbContext db, TimeProvider time, FactWriter facts)
{
    public const string ReferencePrefix = "INS";
    public const int MaxFindingsLength = 4000;

    /// <summary>The catalogue a new node starts with; codes are stable, names are translated in the UI.</summary>
    public static readonly IReadOnlyList<ViolationType> Seed =
    [
        new() { Code = "FEE", Title = "Fees charged to workers", Severity = ViolationSeverity.Critical, IsFeeViolation = true },
        new() { Code = "PASSPORT", Title = "Workers' passports or documents retained", Severity = ViolationSeverity.Critical },
        new() { Code = "CONTRACT", Title = "No written contract in a language the worker reads", Severity = ViolationSeverity.Serious },
        new() { Code = "ADVERT", Title = "Misleading vacancy or advertisement", Severity = ViolationSeverity.Serious },
        new() { Code = "DESTINATION", Title = "Recruitment for a destination the licence does not cover", Severity = ViolationSeverity.Serious },
        new() { Code = "RECORDS", Title = "Incomplete records of workers sent abroad", Severity = ViolationSeverity.Minor },
        new() { Code = "OFFICE", Title = "Office or staff requirements not met", Severity = ViolationSeverity.Minor },
    ];

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<List<ViolationType>> CatalogueAsync(bool activeOnly, CancellationToken cancellationToken = default) =>
        db.Set<ViolationType>().AsNoTracking().Where(v => !activeOnly || v.Active).OrderBy(v => v.Code).ToListAsync(cancellationToken);

    public Task<List<Inspection>> ForAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<Inspection>().AsNoTracking().Include(i => i.Violations).Where(i => i.AgencyId == agencyId)
            .OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).ToListAsync(cancellationToken);

    /// <summary>Field and resource key of each problem with the input; empty when it can be recorded.</summary>
    public async Task<IReadOnlyList<(string Field, string Key)>> ValidateAsync(InspectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<(string, string)>();
        if (input.InspectedOn is not { } on || on > Today || on < Today.AddYears(-5))
        {
            errors.Add(("InspectedOn", "Inspection.Error.Date"));
        }

        if (string.IsNullOrWhiteSpace(input.Findings) || input.Findings.Trim().Length > MaxFindingsLength)
        {
            errors.Add(("Findings", "Inspection.Error.Findings"));
        }

        var known = await db.Set<ViolationType>().Where(v => v.Active).Select(v => v.Code).ToListAsync(cancellationToken);
        if (input.Violations.Any(v => !known.Contains(v)))
        {
            errors.Add(("Violations", "Inspection.Error.Violation"));
        }

        if (input.Sanction is null)
        {
            errors.Add(("Sanction", "Inspection.Error.Sanction"));
        }
        else if (input.Sanction != ProposedSanction.None && input.Violations.Count == 0)
        {
            errors.Add(("Sanction", "Inspection.Error.SanctionWithoutViolation"));
        }
        else if (input.Sanction != ProposedSanction.None && (input.ResponseDeadline is not { } d || d <= Today))
        {
            errors.Add(("ResponseDeadline", "Inspection.Error.Deadline"));
        }

        return errors;
    }

    public async Task<Inspection> RecordAsync(Guid agencyId, Guid inspectorId, InspectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var number = await db.ReserveAsync(ReferencePrefix, 1, 1000, cancellationToken);
        var inspection = new Inspection
        {
            Reference = ReferenceCode.Create(ReferencePrefix, number),
            AgencyId = agencyId,
            InspectedOn = input.InspectedOn!.Value,
            Findings = input.Findings!.Trim(),
            Sanction = input.Sanction!.Value,
            ResponseDeadline = input.Sanction == ProposedSanction.None ? null : input.ResponseDeadline,
            InspectorId = inspectorId,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        inspection.Violations = [.. input.Violations.Distinct().Select(code => new InspectionViolation { InspectionId = inspection.Id, ViolationCode = code })];
        db.Add(inspection);
        var feeCodes = await db.Set<ViolationType>().Where(v => v.IsFeeViolation).Select(v => v.Code).ToListAsync(cancellationToken);
        facts.AddInspection(inspection, feeCodes.ToHashSet(StringComparer.Ordinal));
        await db.SaveChangesAsync(cancellationToken);
        return inspection;
    }

    public async Task<bool> AddViolationTypeAsync(string code, string title, ViolationSeverity severity, bool feeViolation, CancellationToken cancellationToken = default)
    {
        var key = code.Trim().ToUpperInvariant();
        if (await db.Set<ViolationType>().AnyAsync(v => v.Code == key, cancellationToken))
        {
            return false;
        }

        db.Add(new ViolationType { Code = key, Title = title.Trim(), Severity = severity, IsFeeViolation = feeViolation });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Retired types stay on past inspections but cannot be chosen for new ones.</summary>
    public async Task<bool> SetActiveAsync(string code, bool active, CancellationToken cancellationToken = default)
    {
        var type = await db.Set<ViolationType>().SingleOrDefaultAsync(v => v.Code == code, cancellationToken);
        if (type is null)
        {
            return false;
        }

        type.Active = active;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
