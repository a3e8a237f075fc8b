using Microsoft.Extensions.Logging;

namespace Caravan.Core.Agencies;

/// <summary>The scheduled job that records expired licences and ended suspensions. Safe to run more than once a day.</summary>
public sealed partial class LicenceExpiryJob(LicensingCommands licensing, ILogger<LicenceExpiryJob> logger)
{
    public const string Id = "licence-expiry";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var changed = await licensing.ApplyDueChangesAsync(cancellationToken);
        Log.Applied(logger, changed);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Licence expiry job changed {Count} licences")]
        public static partial void Applied(ILogger logger, int count);
    }
}
