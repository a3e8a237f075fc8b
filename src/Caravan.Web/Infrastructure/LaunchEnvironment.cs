namespace Caravan.Web.Infrastructure;

/// <summary>
/// The environment of a node started without one. <c>dotnet run</c> applies the launch profile, which sets
/// CARAVAN_LAUNCH_ENVIRONMENT=Development so that the README's first command gives a demo node; but an environment the
/// operator exported (ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT) always wins, so the production steps give a
/// Production node. A launch profile that set ASPNETCORE_ENVIRONMENT itself would silently override the operator's.
/// A published binary has no launch profile and starts as Production.
/// </summary>
public static class LaunchEnvironment
{
    public const string Variable = "CARAVAN_LAUNCH_ENVIRONMENT";

    public static string? Resolve(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!string.IsNullOrWhiteSpace(read("ASPNETCORE_ENVIRONMENT")) || !string.IsNullOrWhiteSpace(read("DOTNET_ENVIRONMENT")))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(read(Variable)) ? null : read(Variable);
    }
}
