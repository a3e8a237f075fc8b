using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Applications;

/// <summary>The node's rules for applications.</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>The youngest age at which the node lets a person apply for work abroad.</summary>
    [Range(14, 30)]
    public int MinimumAge { get; set; } = 18;
}

public static class ApplicationRules
{
    public const int MaxNoteLength = 1000;

    /// <summary>The version of the application notice; a new wording gets a new version, so old consents show what was read.</summary>
    public const string NoticeVersion = "application-2026-12";

    /// <summary>The fields a migrant can choose to share, in the order the form lists them.</summary>
    public static readonly IReadOnlyList<SharedFields> Choosable =
    [
        SharedFields.BirthDate, SharedFields.Phone, SharedFields.Region, SharedFields.Education, SharedFields.Occupations,
        SharedFields.Skills, SharedFields.Languages, SharedFields.WorkHistory,
    ];

    public static int AgeOn(DateOnly born, DateOnly on) => on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
}

/// <summary>The outcome of a command: done, or the resource key of the reason it was refused and its arguments.</summary>
public sealed record ApplicationResult(JobApplication? Application, string? Error, params object[] Arguments)
{
    public bool Succeeded => Error is null;

    public static ApplicationResult Done(JobApplication application) => new(application, null);

    public static ApplicationResult Refused(string error, params object[] arguments) => new(null, error, arguments);
}
