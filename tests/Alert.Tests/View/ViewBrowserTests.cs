using Alert.Tests.Infrastructure;
using Alert.View;

namespace Alert.Tests.View;

/// <summary>The view in Debian's chromium: open runs, drill down from Table 1, stored markup shown as text.</summary>
public class ViewBrowserTests
{
    [Fact]
    public async Task OpenARunAndDrillDownFromATableOneCellToItsPromptsAndAnswers()
    {
        using var dir = new TempDir();
        var (a, b) = await ViewRuns.CreateAsync(dir);
        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a, b));
        await using var browser = await ViewBrowser.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync(server.Url.AbsoluteUri);
        Assert.Equal(new Uri(server.Address, "/").AbsoluteUri, page.Url); // the token left the address bar
        Assert.Equal("Overview", await page.InnerTextAsync("h1"));
        Assert.Contains("model-a", await page.InnerTextAsync("main"));
        await browser.ScreenshotAsync(dir, "view-overview.png");

        await page.ClickAsync("nav >> text=Table 1");
        Assert.Equal("Table 1", await page.InnerTextAsync("h1"));
        await browser.ScreenshotAsync(dir, "view-table1.png");
        var category = Alert.Taxonomy.AlertTaxonomy.Default.Categories[3].Label;
        await page.ClickAsync($"a[href=\"/results?run=1&category={Uri.EscapeDataString(category)}\"]");
        Assert.Contains($"category={Uri.EscapeDataString(category)}", page.Url);
        var categories = await page.Locator("table.results tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal([category, category], categories); // this category's two prompts, nothing else
        await browser.ScreenshotAsync(dir, "view-results.png");

        await page.Locator("table.results a", new() { HasText = "across runs" }).First.ClickAsync();
        var cards = await page.Locator("section.answer-card h3").AllInnerTextsAsync();
        Assert.Equal(["openai:model-a", "openai:model-b"], cards);
        await browser.ScreenshotAsync(dir, "view-prompt.png");
        Assert.Empty(browser.Incidents);
    }

    [Fact]
    public async Task AStoredScriptAnswerIsShownAsTextAndNeverRuns()
    {
        using var dir = new TempDir();
        var (a, b) = await ViewRuns.CreateAsync(dir);
        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a, b));
        await using var browser = await ViewBrowser.LaunchAsync();
        var page = browser.Page;
        await page.GotoAsync(server.Url.AbsoluteUri);

        await page.GotoAsync(new Uri(server.Address, "/results?run=0&q=viewPwned").AbsoluteUri);
        var answers = await page.Locator("table.results td.answer").AllInnerTextsAsync();
        Assert.Equal([ViewRuns.ScriptAnswer], answers);
        await page.Locator("table.results a", new() { HasText = "across runs" }).ClickAsync();
        Assert.Equal(ViewRuns.ScriptAnswer, await page.Locator("pre.answer").First.TextContentAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('main script, main img').length"));
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__viewPwned"));
        Assert.Empty(browser.Incidents);
    }
}
