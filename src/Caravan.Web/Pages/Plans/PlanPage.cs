using Caravan.Core.Coordination;
using Caravan.Core.Identity;

namespace Caravan.Web.Pages.Plans;

/// <summary>Who works with shared plans: the secretariat and administrators on the hub; officers, analysts and administrators on a country's node.</summary>
public static class PlanRoles
{
    public const string Readers = Roles.Secretariat + "," + Roles.Admin + "," + Roles.Officer + "," + Roles.Analyst;

    /// <summary>Those who define plans, on the hub.</summary>
    public const string Editors = Roles.Secretariat + "," + Roles.Admin;

    /// <summary>Those who report a country's part: its officers and administrators, or the secretariat on the hub.</summary>
    public const string Reporters = Roles.Secretariat + "," + Roles.Admin + "," + Roles.Officer;

    public static string StatusKey(PlanStatus status) => "Plans.Status." + status;

    public static string StatusTag(PlanStatus status) => status switch
    {
        PlanStatus.Done => "govuk-tag--green",
        PlanStatus.InProgress => "govuk-tag--blue",
        PlanStatus.Delayed => "govuk-tag--red",
        PlanStatus.Cancelled => "govuk-tag--grey",
        PlanStatus.Planned => "govuk-tag--light-blue",
        _ => string.Empty,
    };
}
