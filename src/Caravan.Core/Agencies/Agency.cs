namespace Caravan.Core.Agencies;

public enum LicenceStatus
{
    Applied,
    Valid,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>A private employment agency licensed by the node's country.</summary>
public sealed class Agency
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string RegistrationNumber { get; set; }
    public string? LicenceNumber { get; set; }
    public LicenceStatus LicenceStatus { get; set; }
    public DateOnly? LicenceValidUntil { get; set; }
    public required string CountryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? Email { get; set; }
}

/// <summary>A foreign employer that agencies place workers with.</summary>
public sealed class ForeignEmployer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string CountryCode { get; set; }
    public required string RegistrationId { get; set; }
    public string? Sector { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
}
