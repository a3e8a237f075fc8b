using Microsoft.AspNetCore.Identity;

namespace Caravan.Core.Identity;

/// <summary>A person who signs in: staff by email and password, migrants by phone and one-time code.</summary>
public sealed class CaravanUser : IdentityUser<Guid>
{
    public CaravanUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    [PersonalData]
    public string? DisplayName { get; set; }

    /// <summary>The agency whose records an AgencyStaff user may see.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>The node country an officer works for.</summary>
    public string? CountryCode { get; set; }

    /// <summary>Demo accounts are refused in Production even if their rows exist.</summary>
    public bool IsDemo { get; set; }

    /// <summary>When an administrator switched the account off; its sessions ended then. Null while active.</summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted for the account: no code of that step or an
    /// earlier one is accepted again (ASVS 6.5.1). Null until the first code.
    /// </summary>
    public long? AuthenticatorStep { get; set; }
}

public sealed class CaravanRole : IdentityRole<Guid>
{
    public CaravanRole()
    {
        Id = Guid.CreateVersion7();
    }

    public CaravanRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}

/// <summary>The roles of a node. Names are stored and must not change.</summary>
public static class Roles
{
    public const string Migrant = nameof(Migrant);
    public const string AgencyStaff = nameof(AgencyStaff);
    public const string Officer = nameof(Officer);
    public const string ConsularOfficer = nameof(ConsularOfficer);
    public const string Analyst = nameof(Analyst);
    public const string Admin = nameof(Admin);

    /// <summary>Takes calls on the node's hotline and opens cases for callers.</summary>
    public const string HotlineOperator = nameof(HotlineOperator);

    /// <summary>Runs pre-departure training sessions: records attendance and assessment for the sessions assigned to them.</summary>
    public const string Trainer = nameof(Trainer);

    /// <summary>The regional secretariat's staff, on a hub: they follow the region's aggregates and the shared action plans.</summary>
    public const string Secretariat = nameof(Secretariat);

    /// <summary>Staff who work cases: a case file opens only to its worker, supervisor or a granted colleague.</summary>
    public const string CaseWorkers = Officer + "," + ConsularOfficer + "," + HotlineOperator;

    public static readonly IReadOnlyList<string> All = [Migrant, AgencyStaff, Officer, ConsularOfficer, HotlineOperator, Trainer, Analyst, Secretariat, Admin];

    /// <summary>Staff roles sign in with email and password.</summary>
    public static readonly IReadOnlyList<string> Staff = [AgencyStaff, Officer, ConsularOfficer, HotlineOperator, Trainer, Analyst, Secretariat, Admin];
}
