using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caravan.Core.Messaging;

/// <summary>The service messages a migrant gets about their own journey. Each is a template key under "Notice.Sms.".</summary>
public enum MigrantNotice
{
    SessionReminder,
    CertificateIssued,
    DepartureCardReady,
    ApplicationStatusChanged,
}

/// <summary>The wording of a message in a given language; the web layer owns the texts.</summary>
public interface INoticeTexts
{
    string Render(string key, string culture, params object[] arguments);
}

/// <summary>
/// Queues a journey notice to the migrant, in the language they chose for messages, in the caller's unit of work: the
/// SMS exists exactly when the event does. Delivery is left to the outbox job, which runs after the caller's commit;
/// sending from inside a caller's transaction could announce an event that then rolls back. The texts carry no
/// details (no employer, no result), since anyone holding the phone can read them. Opted-out recipients get nothing.
/// </summary>
public sealed class MigrantNotices(CaravanDbContext db, Outbox outbox, INoticeTexts texts, IOptions<NodeOptions> node)
{
    public static string Template(MigrantNotice notice) => "Notice.Sms." + notice;

    /// <summary>Whether a message was queued: false when the person has no phone or opted out of service messages.</summary>
    public async Task<bool> QueueAsync(Guid personId, MigrantNotice notice, CancellationToken cancellationToken, params object[] arguments)
    {
        var target = await (from p in db.Set<Person>().AsNoTracking()
                            where p.Id == personId
                            from u in db.Users.Where(u => u.Id == p.UserId).DefaultIfEmpty()
                            select new { p.Phone, p.MessageCulture, Account = u == null ? null : u.PhoneNumber }).SingleOrDefaultAsync(cancellationToken);
        var phone = PhoneNumbers.IsE164(target?.Phone) ? target!.Phone : PhoneNumbers.IsE164(target?.Account) ? target!.Account : null;
        if (phone is null)
        {
            return false;
        }

        var culture = target!.MessageCulture ?? node.Value.DefaultCulture;
        var key = Template(notice);
        var draft = new MessageDraft(MessageChannel.Sms, phone, key, culture, texts.Render(key, culture, arguments), Security: false);
        return await outbox.AddAsync(draft, cancellationToken) is not null;
    }
}
