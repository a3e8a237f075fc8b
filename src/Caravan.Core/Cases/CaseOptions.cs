using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Cases;

/// <summary>A node's service levels and sanction threshold (configuration section "Cases").</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    [Range(1, 720)]
    public int UrgentFirstContactHours { get; set; } = 24;

    [Range(1, 720)]
    public int HighFirstContactHours { get; set; } = 48;

    [Range(1, 720)]
    public int NormalFirstContactHours { get; set; } = 72;

    [Range(1, 365)]
    public int UrgentResolutionDays { get; set; } = 14;

    [Range(1, 365)]
    public int HighResolutionDays { get; set; } = 30;

    [Range(1, 365)]
    public int NormalResolutionDays { get; set; } = 60;

    /// <summary>A deadline this close is shown as "due soon".</summary>
    [Range(1, 240)]
    public int DueSoonHours { get; set; } = 12;

    /// <summary>Substantiated cases against one agency, within <see cref="SanctionWindowMonths"/>, that raise a proposal.</summary>
    [Range(1, 100)]
    public int SanctionThreshold { get; set; } = 3;

    [Range(1, 60)]
    public int SanctionWindowMonths { get; set; } = 12;

    [Range(1, 180)]
    public int SanctionResponseDays { get; set; } = 30;

    [Range(1024, 50 * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    public string SlaCron { get; set; } = "*/10 * * * *";

    public TimeSpan FirstContactWithin(CasePriority priority) => TimeSpan.FromHours(priority switch
    {
        CasePriority.Urgent => UrgentFirstContactHours,
        CasePriority.High => HighFirstContactHours,
        CasePriority.Normal => NormalFirstContactHours,
        _ => NormalFirstContactHours,
    });

    public TimeSpan ResolutionWithin(CasePriority priority) => TimeSpan.FromDays(priority switch
    {
        CasePriority.Urgent => UrgentResolutionDays,
        CasePriority.High => HighResolutionDays,
        CasePriority.Normal => NormalResolutionDays,
        _ => NormalResolutionDays,
    });
}
