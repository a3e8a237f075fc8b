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

    public IActionResult OnGet([FromRoute] int code) => Render(code);

    // [FromRoute]: a re-executed POST must not read the (possibly oversized) form again.
    public IActionResult OnPost([FromRoute] int code) => Render(code);

    private IActionResult Render(int code)
    {
        // When re-executed, the route value is not always bound; the features say what really happened.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
        {
            code = Infrastructure.CaravanPipeline.StatusFor(failure.Error);
        }
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            code = reExecuted.OriginalStatusCode;
        }

        Code = code is 400 or 403 or 404 or 409 or 413 or 429 ? code : (code >= 500 ? 500 : 400);
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
