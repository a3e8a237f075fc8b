using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Hosting;

namespace Caravan.Core.Identity.Staff;

/// <summary>
/// Whether staff must use two-step sign-in. Until an administrator decides, Production requires it and other
/// environments (demo, tests) do not. Read on every staff request, so it is cached for a few seconds.
/// </summary>
public sealed class StaffPolicies(CaravanDbContext db, IMemoryCache cache, IHostEnvironment environment, TimeProvider time)
{
    private const string CacheKey = "staff-policy:two-factor";
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(10);

    public async Task<bool> RequireTwoFactorAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out bool required))
        {
            return required;
        }

        var row = await db.Set<StaffPolicy>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        required = row?.RequireTwoFactor ?? environment.IsProduction();
        cache.Set(CacheKey, required, CacheTime);
        return required;
    }

    public async Task SetRequireTwoFactorAsync(bool required, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<StaffPolicy>().SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new StaffPolicy();
            db.Add(row);
        }

        row.RequireTwoFactor = required;
        row.ChangedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }
}
