using Caravan.Core.Exchange;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Admin;

/// <summary>The exchange's log for administrators: what partners sent and this node processed, what it refused and why, and where its own messages to partners are.</summary>
public sealed class ExchangeModel(ExchangeLog log, TrustListQueries partners, Caravan.Core.Region.AggregatePublisher publisher, IOptions<NodeOptions> node) : PageModel
{
    /// <summary>Hubs this country node publishes its regional tables to; none on a hub itself.</summary>
    public IReadOnlyList<PartnerNode> Hubs { get; private set; } = [];

    [TempData]
    public string? Published { get; set; }

    public IReadOnlyList<InboxRow> Inbox { get; private set; } = [];

    public IReadOnlyList<RefusalRow> Refusals { get; private set; } = [];

    public Dictionary<MessageStatus, int> Outgoing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Inbox = await log.InboxAsync(cancellationToken);
        Refusals = await log.RefusalsAsync(cancellationToken);
        Outgoing = await log.OutgoingAsync(cancellationToken);
        Hubs = node.Value.IsHub ? [] : [.. (await partners.SendingAsync(MessageType.AggregatePublication, cancellationToken)).Where(p => p.IsHub)];
    }

    /// <summary>Publishes now rather than after the next statistics fold, for example when a hub has just been linked.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(cancellationToken);
        Published = $"{result.Queued}|{result.Unchanged}";
        return RedirectToPage();
    }
}
