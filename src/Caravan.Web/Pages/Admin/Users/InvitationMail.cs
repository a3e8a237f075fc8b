using System.Globalization;
using Caravan.Core.Identity.Staff;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Caravan.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Caravan.Web.Pages.Admin.Users;

/// <summary>The invitation e-mail, in the inviting administrator's language, with the one-time link.</summary>
public static class InvitationMail
{
    public static Func<Invitation, MessageDraft> In(string culture, IStringLocalizer localizer, NodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(node);
        return i => new MessageDraft(MessageChannel.Email, i.User.Email!, "Email.Invitation", culture,
            MessageTexts.Render(localizer, "Email.Invitation.Body", culture, i.User.DisplayName ?? string.Empty, node.DisplayName,
                i.Row.ExpiresAt.ToString("g", CultureInfo.GetCultureInfo(culture)), InvitationLinks.For(node.PublicUrl, i)),
            Security: true,
            Subject: MessageTexts.Render(localizer, "Email.Invitation.Subject", culture, node.DisplayName));
    }
}
