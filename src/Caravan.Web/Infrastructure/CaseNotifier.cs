using System.Globalization;
using Caravan.Core.Cases;
using Caravan.Core.Messaging;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// Case SMS in the recipient's language, with no detail of the case: only that there is something to read. They are
/// service messages, so a migrant who opted out gets none (they still see the message when they sign in).
/// </summary>
public sealed class CaseNotifier(Outbox outbox, IStringLocalizer<SharedResource> localizer) : ICaseNotifier
{
    public Task NewMessageAsync(string phoneE164, string culture, CancellationToken cancellationToken) =>
        QueueAsync(phoneE164, "Cases.Sms.NewMessage", culture, cancellationToken);

    public Task EscalatedAsync(string phoneE164, string culture, CancellationToken cancellationToken) =>
        QueueAsync(phoneE164, "Cases.Sms.Escalated", culture, cancellationToken);

    public Task DeliverAsync(CancellationToken cancellationToken) => outbox.DeliverAddedAsync(cancellationToken);

    private async Task QueueAsync(string phone, string key, string culture, CancellationToken cancellationToken) =>
        await outbox.AddAsync(new MessageDraft(MessageChannel.Sms, phone, key, culture, MessageTexts.Render(localizer, key, culture), Security: false), cancellationToken);
}

/// <summary>Journey notices' wording from the shared resources, in the recipient's language.</summary>
public sealed class NoticeTexts(IStringLocalizer<SharedResource> localizer) : INoticeTexts
{
    public string Render(string key, string culture, params object[] arguments) => MessageTexts.Render(localizer, key, culture, arguments);
}

/// <summary>A message template rendered in the recipient's language rather than the request's.</summary>
public static class MessageTexts
{
    public static string Render(IStringLocalizer localizer, string key, string culture, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Cultures.IsSupported(culture) ? new CultureInfo(culture) : previous;
            return localizer[key, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
