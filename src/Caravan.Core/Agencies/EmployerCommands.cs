using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Agencies;

public enum EmployerResult
{
    Done,
    NotFound,
    Duplicate,
}

/// <summary>Agencies register the foreign employers they work with; officers verify or blacklist them, with reasons.</summary>
public sealed class EmployerCommands(CaravanDbContext db)
{
    public static readonly IReadOnlyList<string> Countries = LicensingRules.Destinations;

    public Task<List<ForeignEmployer>> ForAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        db.Set<ForeignEmployer>().AsNoTracking().Where(e => e.AgencyId == agencyId).OrderBy(e => e.Name).ToListAsync(cancellationToken);

    /// <summary>Employers of the node's agencies, the blacklisted and unverified first.</summary>
    public async Task<List<ForeignEmployer>> ForCountryAsync(string country, CancellationToken cancellationToken = default)
    {
        var list = await db.Set<ForeignEmployer>().AsNoTracking().Include(e => e.Agency)
            .Where(e => e.Agency!.CountryCode == country).ToListAsync(cancellationToken);
        return [.. list.OrderBy(e => e.Status == EmployerStatus.Unverified ? 0 : e.Status == EmployerStatus.Blacklisted ? 1 : 2).ThenBy(e => e.Name, StringComparer.CurrentCulture)];
    }

    public async Task<(EmployerResult Result, ForeignEmployer? Employer)> RegisterAsync(
        Guid agencyId, string name, string countryCode, string registrationId, string? sector, CancellationToken cancellationToken = default)
    {
        var id = registrationId.Trim().ToUpperInvariant();
        if (await db.Set<ForeignEmployer>().AnyAsync(e => e.AgencyId == agencyId && e.RegistrationId == id, cancellationToken))
        {
            return (EmployerResult.Duplicate, null);
        }

        // An employer another agency already had blacklisted stays blacklisted under a new agency too.
        var blacklisted = await db.Set<ForeignEmployer>().AsNoTracking()
            .Where(e => e.RegistrationId == id && e.Status == EmployerStatus.Blacklisted)
            .Select(e => e.StatusReason).FirstOrDefaultAsync(cancellationToken);
        var known = blacklisted is not null || await db.Set<ForeignEmployer>().AnyAsync(e => e.RegistrationId == id && e.Status == EmployerStatus.Blacklisted, cancellationToken);
        var employer = new ForeignEmployer
        {
            AgencyId = agencyId,
            Name = name.Trim(),
            CountryCode = countryCode,
            RegistrationId = id,
            Sector = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim(),
            Status = known ? EmployerStatus.Blacklisted : EmployerStatus.Unverified,
            StatusReason = known ? blacklisted : null,
        };
        db.Add(employer);
        await db.SaveChangesAsync(cancellationToken);
        return (EmployerResult.Done, employer);
    }

    /// <summary>Sets the status of every registration of this employer in the node, so no agency can route around a blacklisting.</summary>
    public async Task<EmployerResult> SetStatusAsync(Guid employerId, string country, EmployerStatus status, string reason, CancellationToken cancellationToken = default)
    {
        var employer = await db.Set<ForeignEmployer>().Include(e => e.Agency).SingleOrDefaultAsync(e => e.Id == employerId && e.Agency!.CountryCode == country, cancellationToken);
        if (employer is null)
        {
            return EmployerResult.NotFound;
        }

        var same = await db.Set<ForeignEmployer>().Where(e => e.RegistrationId == employer.RegistrationId && e.Agency!.CountryCode == country).ToListAsync(cancellationToken);
        foreach (var e in same)
        {
            e.Status = status;
            e.StatusReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken);
        return EmployerResult.Done;
    }
}
