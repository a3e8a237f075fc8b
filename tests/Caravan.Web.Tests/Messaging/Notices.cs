using Caravan.Core.Data;
using Caravan.Core.Messaging;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Messaging;

public sealed record QueuedNotice(string Template, string Culture, string Body);

/// <summary>The outbox's messages to one phone, decrypted: recipient and text are stored encrypted, so tests open them.</summary>
public static class Notices
{
    public static Task<List<QueuedNotice>> ToAsync(CaravanApp app, string phone) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var sensitive = sp.GetRequiredService<SensitiveData>();
            var all = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Template.StartsWith("Notice.")).OrderBy(m => m.CreatedAt).ToListAsync();
            return all.Where(m => sensitive.Unprotect(m.RecipientCipher) == phone)
                .Select(m => new QueuedNotice(m.Template, m.Culture, sensitive.Unprotect(m.BodyCipher))).ToList();
        });

    public static string Of(MigrantNotice notice) => MigrantNotices.Template(notice);
}
