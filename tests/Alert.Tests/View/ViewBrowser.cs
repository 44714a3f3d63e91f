using Alert.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Alert.Tests.View;

/// <summary>Debian's chromium (never a downloaded browser) on one page, for the view's tests.</summary>
public sealed class ViewBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ViewBrowser(IPlaywright playwright, IBrowser browser, IPage page) =>
        (_playwright, _browser, Page) = (playwright, browser, page);

    public IPage Page { get; }

    /// <summary>Script errors and dialogs the page raised (a stored script that ran would show here).</summary>
    public List<string> Incidents { get; } = [];

    public static async Task<ViewBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Browser.Chromium), "Debian chromium is required for this test (.ci/run installs it)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var view = new ViewBrowser(playwright, browser, page);
        page.PageError += (_, error) => view.Incidents.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            view.Incidents.Add("dialog: " + dialog.Message);
            await dialog.DismissAsync();
        };
        return view;
    }

    /// <summary>A full-page screenshot in the test's folder (ALERT_UPDATE_SCREENSHOTS=1: in docs/images).</summary>
    public async Task ScreenshotAsync(TempDir dir, string name)
    {
        var path = dir.File(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 5000, name);
        if (Environment.GetEnvironmentVariable("ALERT_UPDATE_SCREENSHOTS") == "1")
            File.Copy(path, Path.Combine(CliHarness.RepoRoot, "docs", "images", name), overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
