using Caravan.Core.Data;
using Caravan.Core.Migrants;

namespace Caravan.Core.Cases;

/// <summary>Makes the entries of a case's timeline: who did what and when, with any free text encrypted like the narrative.</summary>
public sealed class CaseTimeline(SensitiveData sensitive, TimeProvider time)
{
    public CaseEvent Event(LegalCase c, CaseEventKind kind, RegistryActor? actor, string? text = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CaseEvent
        {
            CaseId = c.Id,
            At = time.GetUtcNow().UtcDateTime,
            Kind = kind,
            ActorId = actor?.UserId,
            ActorName = actor?.Name ?? string.Empty,
            TextCipher = text is null ? null : sensitive.Protect(text),
            Detail = detail,
        };
    }
}
