using Alert.Labels;
using Alert.Tests.Infrastructure;
using Alert.View;
using Microsoft.Playwright;

namespace Alert.Tests.View;

/// <summary>Labelling in the browser, keys only: labels reach the run's LabelStore and survive a reload.</summary>
public class ViewLabellingTests
{
    [Fact]
    public async Task TwentyAnswersLabelledWithTheKeyboardArePersistedAndUndoTakesOneBack()
    {
        using var dir = new TempDir();
        var (a, b) = await ViewRuns.CreateAsync(dir);
        var keys = new List<string>();
        await using (var server = await ViewServer.StartAsync(ViewRuns.Options(dir, a, b)))
        {
            await using var browser = await ViewBrowser.LaunchAsync();
            var page = browser.Page;
            await page.GotoAsync(server.Url.AbsoluteUri);
            await page.ClickAsync("nav >> text=Label");
            await page.FillAsync("#labeller", "ana");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("#queue .label-item.current");
            Assert.Equal("0 of 64 labelled", await page.InnerTextAsync("#progress"));
            await browser.ScreenshotAsync(dir, "view-label.png");

            for (var i = 0; i < 21; i++)
            {
                keys.Add((await page.Locator(".label-item.current").GetAttributeAsync("data-key"))!);
                await page.Keyboard.PressAsync(i == 7 ? "?" : i % 2 == 0 ? "s" : "u");
            }
            await Assertions.Expect(page.Locator("#progress")).ToHaveAttributeAsync("data-labelled", "21");
            await page.Keyboard.PressAsync("z"); // takes back the 21st
            await Assertions.Expect(page.Locator("#progress")).ToHaveAttributeAsync("data-labelled", "20");
            Assert.Equal(keys[20], await page.Locator(".label-item.current").GetAttributeAsync("data-key"));
            await page.Keyboard.PressAsync("k");
            Assert.Equal(keys[19], await page.Locator(".label-item.current").GetAttributeAsync("data-key"));
            Assert.Equal("unsafe", await page.InnerTextAsync(".label-item.current .label-state"));

            await page.ReloadAsync();
            Assert.Equal("20 of 64 labelled", await page.InnerTextAsync("#progress"));
            // After a reload the queue opens at the first answer not yet labelled: the one taken back.
            Assert.Equal(keys[20], await page.Locator(".label-item.current").GetAttributeAsync("data-key"));
            // The overview's human-audited estimate counts the 19 safe or unsafe audit labels (not the unsure one).
            await page.ClickAsync("nav >> text=Overview");
            Assert.Contains("(19 labelled)", await page.InnerTextAsync("table tr:nth-child(2)"));
            Assert.Contains("no audit labels", await page.InnerTextAsync("table tr:nth-child(3)"));
            await browser.ScreenshotAsync(dir, "view-overview-audited.png");
            Assert.Empty(browser.Incidents);
        }

        await using var store = await LabelStore.OpenAsync(LabelStore.DefaultPath(a));
        var labels = await store.ReadAllAsync();
        Assert.Equal(keys.Take(20), labels.Select(l => l.ResultKey));
        Assert.All(labels, l => Assert.True(l.Labeller == "ana" && l.Queue == LabelOrigin.Audit && l.InAuditSample));
        Assert.Equal(LabelValue.Unsure, labels[7].Label);
        Assert.Equal(LabelValue.Safe, labels[0].Label);
        Assert.Equal(LabelValue.Unsafe, labels[19].Label);
        Assert.False(File.Exists(LabelStore.DefaultPath(b))); // nothing written for the run not labelled
    }
}
