using Microsoft.Playwright;

namespace Alert.Tests.Infrastructure;

/// <summary>The text/background contrast of one rendered element with text of its own.</summary>
public sealed record TextContrast(string Text, string Colour, string Background, double Ratio);

/// <summary>Debian's chromium driven by Playwright (never a downloaded browser).</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    // WCAG 2 contrast of every visible element that holds text itself: its colour (alpha and opacity
    // included) over the first opaque background found up its ancestors, composited over white.
    private const string MeasureScript = """
        () => {
          const parse = c => {
            const m = c.match(/[\d.]+/g).map(Number);
            return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 };
          };
          const over = (top, bottom) => ({
            r: top.r * top.a + bottom.r * (1 - top.a),
            g: top.g * top.a + bottom.g * (1 - top.a),
            b: top.b * top.a + bottom.b * (1 - top.a),
            a: 1,
          });
          const lum = c => {
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
          };
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const bg = parse(getComputedStyle(e).backgroundColor);
              if (bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
            }
            return layers.reverse().reduce((acc, layer) => over(layer, acc), { r: 255, g: 255, b: 255, a: 1 });
          };
          const out = [];
          for (const el of document.body.querySelectorAll('*')) {
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim())
              .join(' ').trim();
            if (!own || el.getClientRects().length === 0) continue;
            let opacity = 1;
            for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
            const bg = background(el);
            const fg = parse(getComputedStyle(el).color);
            const text = over({ ...fg, a: fg.a * opacity }, bg);
            const [hi, lo] = [lum(text), lum(bg)].sort((x, y) => y - x);
            const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
            out.push({
              text: own.slice(0, 60), colour: hex(text), background: hex(bg), ratio: (hi + 0.05) / (lo + 0.05),
            });
          }
          return out;
        }
        """;

    /// <summary>Opens <paramref name="htmlFile"/>, saves a full-page screenshot and measures every text
    /// element.</summary>
    public static async Task<IReadOnlyList<TextContrast>> TextContrastsAsync(string htmlFile, string screenshot)
    {
        Assert.True(File.Exists(Chromium), "Debian chromium is required for this test (.ci/run installs it)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        var measured = await page.EvaluateAsync<Measured[]>(MeasureScript);
        return measured.Select(m => new TextContrast(m.Text, m.Colour, m.Background, m.Ratio)).ToList();
    }

    private sealed class Measured
    {
        public string Text { get; set; } = "";
        public string Colour { get; set; } = "";
        public string Background { get; set; } = "";
        public double Ratio { get; set; }
    }
}
