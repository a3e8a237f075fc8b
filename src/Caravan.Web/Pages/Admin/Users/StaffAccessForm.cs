using Caravan.Core.Identity.Staff;

namespace Caravan.Web.Pages.Admin.Users;

/// <summary>The roles-and-scope fields shared by the invitation and the account page, rendered by _StaffAccess.</summary>
public sealed class StaffAccessForm
{
    public List<string> Roles { get; set; } = [];

    public Guid? AgencyId { get; set; }

    public string? CountryCode { get; set; }

    public List<Guid> TeamIds { get; set; } = [];

    public StaffAccess ToAccess() => new(Roles.Distinct(StringComparer.Ordinal).ToList(), AgencyId,
        string.IsNullOrWhiteSpace(CountryCode) ? null : CountryCode.Trim().ToUpperInvariant(), TeamIds.Distinct().ToList());
}

/// <summary>What _StaffAccess needs besides the form: the agencies and teams to choose from.</summary>
public sealed record StaffAccessView(StaffAccessForm Form, IReadOnlyList<(Guid Id, string Name)> Agencies, IReadOnlyList<(Guid Id, string Name)> Teams);
