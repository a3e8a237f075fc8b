namespace Caravan.Core.Cases;

public enum TeamKind
{
    Consulate,
    LegalAid,
    Hotline,
}

/// <summary>
/// A team with a queue: a consulate in a destination city, the home legal-aid team or the hotline. Its name is
/// the node's own data, written as the node wants it shown, like an agency's name.
/// </summary>
public sealed class CaseTeam : Data.IVersioned
{
    /// <summary>Changes on every save; an edit based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; set; }

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public TeamKind Kind { get; set; }

    /// <summary>For a consulate, the country it serves; for home teams, the node's country.</summary>
    public required string CountryCode { get; set; }

    /// <summary>For a consulate, the city it sits in; cases from that city go to it first.</summary>
    public string City { get; set; } = string.Empty;

    public List<CaseTeamMember> Members { get; set; } = [];
}

public sealed class CaseTeamMember
{
    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Supervisors see every case of the team and are told of SLA breaches.</summary>
    public bool IsSupervisor { get; set; }
}
