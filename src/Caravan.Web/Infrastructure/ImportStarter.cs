using Caravan.Core.Migrants.Import;
using Hangfire;

namespace Caravan.Web.Infrastructure;

/// <summary>Starts an import in the background. With jobs switched off (tests, some tools) imports are run directly.</summary>
public interface IImportStarter
{
    void Enqueue(Guid importId);
}

public sealed class HangfireImportStarter(IBackgroundJobClient jobs) : IImportStarter
{
    public void Enqueue(Guid importId) => jobs.Enqueue<PersonImportJob>(j => j.RunAsync(importId, CancellationToken.None));
}

public sealed class ManualImportStarter : IImportStarter
{
    public void Enqueue(Guid importId)
    {
    }
}
