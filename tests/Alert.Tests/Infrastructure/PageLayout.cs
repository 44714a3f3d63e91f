using Microsoft.Playwright;

namespace Alert.Tests.Infrastructure;

/// <summary>How a page lays out in a viewport: its own scroll width and each wide box's.</summary>
/// <param name="PageScrollWidth">The document's scroll width: above the viewport's width, the page scrolls.</param>
/// <param name="Boxes">Each scrolling table box (<c>div.wide</c>) by its section's id, in page order.</param>
public sealed record PageLayout(int PageScrollWidth, IReadOnlyList<BoxLayout> Boxes)
{
    private const string MeasureScript = """
        () => ({
          page: document.documentElement.scrollWidth,
          boxes: [...document.querySelectorAll('div.wide')].map(d => ({
            section: d.closest('section')?.id ?? '',
            scroll: d.scrollWidth,
            client: d.clientWidth,
            overflow: getComputedStyle(d).overflowX,
          })),
        })
        """;

    /// <summary>Opens <paramref name="htmlFile"/> in Debian's chromium at <paramref name="width"/> by 900 px, saves a
    /// full-page screenshot to <paramref name="screenshot"/> and measures the layout.</summary>
    public static async Task<PageLayout> MeasureAsync(string htmlFile, int width, string screenshot)
    {
        Assert.True(File.Exists(Browser.Chromium), "Debian chromium is required for this test (.ci/run installs it)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        var m = await page.EvaluateAsync<Measured>(MeasureScript);
        return new PageLayout(m.Page, m.Boxes.Select(b => new BoxLayout(b.Section, b.Scroll, b.Client, b.Overflow))
            .ToList());
    }

    private sealed class Measured
    {
        public int Page { get; set; }
        public MeasuredBox[] Boxes { get; set; } = [];
    }

    private sealed class MeasuredBox
    {
        public string Section { get; set; } = "";
        public int Scroll { get; set; }
        public int Client { get; set; }
        public string Overflow { get; set; } = "";
    }
}
