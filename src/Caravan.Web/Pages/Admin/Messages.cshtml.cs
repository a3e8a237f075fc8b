using Caravan.Core.Identity;
using Caravan.Core.Messaging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Admin;

/// <summary>
/// The node's outbox: what was sent, what waits for a retry and what is parked after failing too often. Recipients
/// are masked and texts are never shown, since a text may hold a one-time code.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class MessagesModel(OutboxAdmin outbox) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyDictionary<MessageStatus, int> Counts { get; private set; } = new Dictionary<MessageStatus, int>();

    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];

    public MessageStatus? Retried { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await outbox.RetryAsync(id, cancellationToken);
        if (result is null)
        {
            ModelState.AddModelError(string.Empty, "Admin.Messages.NotRetried");
        }

        Retried = result;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Counts = await outbox.CountsAsync(cancellationToken);
        Rows = await outbox.ListAsync(Status, PageNumber, cancellationToken);
    }
}
