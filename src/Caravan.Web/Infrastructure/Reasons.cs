using Caravan.Core.Agencies;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caravan.Web.Infrastructure;

/// <summary>The reasons an officer gives for a decision: required, and short enough to publish.</summary>
public static class Reasons
{
    /// <summary>The trimmed reason, or null with the error added to the form's state.</summary>
    public static string? Read(ModelStateDictionary modelState, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var reason = value?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            modelState.AddModelError(field, "Licensing.ReasonRequired");
            return null;
        }

        if (reason.Length > LicensingRules.MaxReasonLength)
        {
            modelState.AddModelError(field, "Licensing.ReasonTooLong");
            return null;
        }

        return reason;
    }
}
