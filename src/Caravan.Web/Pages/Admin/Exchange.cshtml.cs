using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin;

/// <summary>The exchange's log for administrators: what partners sent and this node processed, what it refused and why, and where its own messages to partners are.</summary>
public sealed class ExchangeModel(ExchangeLog log) : PageModel
{
    public IReadOnlyList<InboxRow> Inbox { get; private set; } = [];

    public IReadOnlyList<RefusalRow> Refusals { get; private set; } = [];

    public Dictionary<MessageStatus, int> Outgoing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Inbox = await log.InboxAsync(cancellationToken);
        Refusals = await log.RefusalsAsync(cancellationToken);
        Outgoing = await log.OutgoingAsync(cancellationToken);
    }
}
