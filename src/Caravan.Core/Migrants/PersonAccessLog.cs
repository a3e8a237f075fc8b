using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Migrants;

/// <summary>
/// Staff opening a person's record: written to the person's access log ("who saw my data") like every other read.
/// Reloads by the same staff member within <see cref="Window"/> are one entry, so the person reads a list of visits
/// rather than of page refreshes.
/// </summary>
public sealed class PersonAccessLog(CaravanDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Returns true when a new entry was written, false when it fell inside an earlier one's window.</summary>
    public async Task<bool> RecordViewAsync(Guid personId, RegistryActor actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - Window;
        if (await db.Set<PersonAccess>().AnyAsync(a => a.PersonId == personId && a.ActorId == actor.UserId
                && a.Action == AccessAction.ViewProfile && a.Reason == reason && a.At >= since, cancellationToken))
        {
            return false;
        }

        db.Add(PersonAccess.By(actor, personId, AccessAction.ViewProfile, reason, now));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
