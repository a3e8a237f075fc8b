using Caravan.Core.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dev;

/// <summary>
/// Development only: the text messages and e-mails the node would have sent, so one-time codes and invitation links can
/// be read without a phone. The sink behind it is registered only in Development, so anywhere else this is a 404.
/// </summary>
public sealed class CodesModel(IServiceProvider services, IHostEnvironment environment) : PageModel
{
    public IReadOnlyList<SentMessage> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment() || services.GetService<DevelopmentMessages>() is not { } sink)
        {
            return NotFound();
        }

        Messages = sink.Sent;
        return Page();
    }
}
