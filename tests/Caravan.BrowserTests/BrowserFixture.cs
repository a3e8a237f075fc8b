using Caravan.Core.Data;
using Caravan.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Caravan.BrowserTests;

/// <summary>
/// The app on a real Kestrel port with Debian's Chromium driven by Playwright. Nothing is downloaded:
/// the browser is /usr/bin/chromium and axe-core comes inside the Deque package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public CaravanApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public static string Artifacts { get; } = FindArtifacts();

    public async Task InitializeAsync()
    {
        App = new CaravanApp(DatabaseProvider.Sqlite, LeakWatch.Settings, services: LeakWatch.Watch, fromTemplate: false);
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(string? acceptLanguage = null, int width = 390, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            Locale = acceptLanguage,
            BaseURL = BaseUrl,
        });
        // Generous, because CI runs the server, PostgreSQL and Chromium on two cores.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await LeakWatch.CollectAsync(App);
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string FindArtifacts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caravan.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

public static class PageChecks
{
    /// <summary>
    /// axe-core's default rules plus WCAG 2.2 AA (target size among them), reporting violations only: the passes of
    /// every rule, with their nodes, were a tenth of each run's time and nobody read them.
    /// </summary>
    private static readonly AxeRunOptions Rules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Screenshot for people to look at, then axe-core; serious or critical violations fail the test.</summary>
    public static async Task InspectAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, name + ".png"), FullPage = true });
        AxeResult result = await page.RunAxe(Rules);
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
        bad.ShouldBeEmpty($"axe-core on {page.Url}");
    }
}
