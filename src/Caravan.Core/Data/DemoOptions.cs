namespace Caravan.Core.Data;

/// <summary>Demo mode fills a node with fictional agencies, vacancies and one account per role.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>The password of every demo staff account. Demo accounts are refused in Production.</summary>
    public string StaffPassword { get; set; } = "Demo-Caravan-2026!";
}

/// <summary>The demo accounts, as listed in the README.</summary>
public static class DemoAccounts
{
    public const string AdminEmail = "admin@demo.caravan.example";
    public const string OfficerEmail = "officer@demo.caravan.example";
    public const string ConsularEmail = "consul@demo.caravan.example";
    public const string AnalystEmail = "analyst@demo.caravan.example";
    public const string AgencyEmail = "agency@demo.caravan.example";
    public const string OtherAgencyEmail = "agency2@demo.caravan.example";
    public const string MigrantPhone = "+998901234567";

    /// <summary>Supervises the consulates' case teams in Moscow and Almaty.</summary>
    public const string ConsularLeadEmail = "consul.lead@demo.caravan.example";
    public const string ConsularLeadPhone = "+79990000001";
    public const string HotlineEmail = "hotline@demo.caravan.example";
    public const string TrainerEmail = "trainer@demo.caravan.example";

    /// <summary>The regional secretariat's demo account; it exists only on a hub.</summary>
    public const string SecretariatEmail = "secretariat@demo.caravan.example";
}
