using Caravan.Core.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// The version of a record that a decision form was filled in on. The form posts back the version it showed; if the
/// record has moved on since (a colleague decided, reassigned or changed it in the meantime), nothing is saved and the
/// page says so, showing the record as it now is. Saves that overlap to the millisecond are caught by the version in
/// the UPDATE itself (<see cref="IVersioned"/>). A post without a version (an older form) is judged on state alone.
/// </summary>
public static class SeenVersion
{
    public const string ChangedMeanwhile = "Records.ChangedMeanwhile";

    /// <summary>True, with the page-level error added, when the form was based on an older version than the record's.</summary>
    public static bool IsStale(ModelStateDictionary modelState, IVersioned record, Guid? seen)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(record);
        if (seen is not { } version || version == record.Version)
        {
            return false;
        }

        modelState.AddModelError(string.Empty, ChangedMeanwhile);
        return true;
    }
}
