using System.ComponentModel.DataAnnotations;
using Caravan.Core.Agencies;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Pages.Admin;

/// <summary>Admin issues and revokes API keys. A new key's secret is shown once and never again.</summary>
public sealed class ApiKeysModel(CaravanDbContext db, ApiKeyService keys, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.NameRequired")]
    [StringLength(120, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    /// <summary>"agency:{id}" or "node:{CC}".</summary>
    [BindProperty]
    [Required(ErrorMessage = "Validation.ScopeRequired")]
    public string? Scope { get; set; }

    [BindProperty]
    [Range(1, 730, ErrorMessage = "Validation.ExpiryRange")]
    public int? ExpiresInDays { get; set; } = 365;

    public string? NewSecret { get; private set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public DateTime Now { get; private set; }

    public const string AnalystScope = "analyst";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Guid? agencyId = null;
        string? node = null;
        var analyst = Scope == AnalystScope;
        if (Scope?.StartsWith("agency:", StringComparison.Ordinal) == true && Guid.TryParse(Scope[7..], out var id)
            && await db.Set<Agency>().AnyAsync(a => a.Id == id, cancellationToken))
        {
            agencyId = id;
        }
        else if (Scope?.StartsWith("node:", StringComparison.Ordinal) == true && Scope.Length == 7 && Scope[5..].All(char.IsAsciiLetterUpper))
        {
            node = Scope[5..];
        }
        else if (!analyst && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Scope), "Validation.ScopeRequired");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var expires = time.GetUtcNow().UtcDateTime.AddDays(ExpiresInDays ?? 365);
        var (_, secret) = await keys.CreateAsync(Name!.Trim(), agencyId, node, expires, analyst, cancellationToken);
        NewSecret = secret;
        ModelState.Clear();
        Name = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(id, cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Keys = await db.Set<ApiKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        Agencies = await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
    }
}
