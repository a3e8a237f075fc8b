namespace Caravan.Web.Pages.Cases;

public static class CaseLimits
{
    /// <summary>The largest request a case form accepts: one attachment at the configured maximum, plus the form.</summary>
    public const long RequestBytes = 52 * 1024 * 1024;
}
