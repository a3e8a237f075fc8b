using System.Globalization;
using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Infrastructure;

/// <summary>Case SMS in the recipient's language, with no detail of the case: only that there is something to read.</summary>
public sealed class CaseNotifier(ISmsSender sms, IStringLocalizer<SharedResource> localizer) : ICaseNotifier
{
    public Task NewMessageAsync(string phoneE164, string culture, CancellationToken cancellationToken) =>
        sms.SendAsync(phoneE164, Text("Cases.Sms.NewMessage", culture), cancellationToken);

    public Task EscalatedAsync(string phoneE164, string culture, CancellationToken cancellationToken) =>
        sms.SendAsync(phoneE164, Text("Cases.Sms.Escalated", culture), cancellationToken);

    private string Text(string key, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Cultures.IsSupported(culture) ? new CultureInfo(culture) : previous;
            return localizer[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
