using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caravan.Web.Pages.Errors;

/// <summary>Localised error pages. API paths get problem details instead of HTML.</summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code) => Render(code);

    public IActionResult OnPost(int code) => Render(code);

    private IActionResult Render(int code)
    {
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            // Re-executed by the exception handler, which has already chosen the status.
            code = Response.StatusCode;
        }

        Code = code is 400 or 403 or 404 or 413 or 429 ? code : (code >= 500 ? 500 : 400);
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (original is not null && original.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return new ObjectResult(new ProblemDetails
            {
                Status = code,
                Title = code == 404 ? "Not found." : code >= 500 ? "An unexpected error occurred." : ReasonPhrases.GetReasonPhrase(code),
            })
            {
                StatusCode = code,
                ContentTypes = { "application/problem+json" },
            };
        }

        Response.StatusCode = code;
        return Page();
    }
}
