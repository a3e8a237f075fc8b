using Caravan.Core.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Dev;

/// <summary>Development only: the text messages the node would have sent, so one-time codes can be read without a phone.</summary>
public sealed class CodesModel(DevelopmentSmsSender sms, IHostEnvironment environment) : PageModel
{
    public IReadOnlyList<SentSms> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Messages = sms.Sent;
        return Page();
    }
}
