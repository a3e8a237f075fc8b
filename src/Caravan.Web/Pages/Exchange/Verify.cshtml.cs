using Caravan.Core.Exchange;
using Caravan.Core.Identity;
using Caravan.Core.Node;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Pages.Exchange;

/// <summary>
/// An officer checks something a partner country issued: a training certificate, an agency's licence for this
/// country, or a departure card. From its decoded QR payload, the signature is checked offline against the trust
/// list; then, or from a typed code, the issuing node is asked online and answers valid, not valid or unknown.
/// </summary>
[Authorize(Roles = Roles.Officer + "," + Roles.ConsularOfficer)]
public sealed class VerifyModel(VerificationExchange exchange, PartnerStatements statements, IOptions<NodeOptions> node) : PageModel
{
    [BindProperty]
    public Guid? PartnerId { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>A code as printed, or a QR code's decoded payload.</summary>
    [BindProperty]
    public string? Code { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Partners { get; private set; } = [];

    public PartnerStatement? Statement { get; private set; }

    public AskResult? Answer { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var code = Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            ModelState.AddModelError(nameof(Code), "Exchange.Verify.Error.Code");
            return Page();
        }

        var subject = Enum.TryParse<VerificationSubject>(Subject, out var s) && Enum.IsDefined(s) ? s : (VerificationSubject?)null;
        if (PartnerStatements.LooksLikeToken(code))
        {
            // A QR payload: the signature first, offline, and what it says fills in the question.
            Statement = await statements.ReadAsync(code, cancellationToken);
            // A statement on its issuer's revocation list is still asked about online: the list may be older than today.
            if (Statement.Check is not (StatementCheck.Valid or StatementCheck.Revoked) || Statement.Code is null)
            {
                return Page();
            }

            subject = Statement.Subject;
            code = Statement.Code;
            PartnerId ??= (await exchange.PartnersAsync(cancellationToken)).FirstOrDefault(p => p.Name == Statement.Issuer)?.Id;
        }

        if (subject is null)
        {
            ModelState.AddModelError(nameof(Subject), "Exchange.Verify.Error.Subject");
        }

        if (PartnerId is null)
        {
            ModelState.AddModelError(nameof(PartnerId), "Exchange.Error.PartnerRequired");
        }

        if (code.Length > 40)
        {
            ModelState.AddModelError(nameof(Code), "Exchange.Verify.Error.Code");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // A licence is asked about for this country: that is what an inspector here needs to know.
        Answer = await exchange.AskAsync(PartnerId!.Value, subject!.Value, code, subject == VerificationSubject.Licence ? node.Value.Country : null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Partners = [.. (await exchange.PartnersAsync(cancellationToken)).Select(p => new KeyValuePair<string, string>(p.Id.ToString(), $"{p.Name} ({p.Country})"))];
}
