using System.Globalization;
using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Reporting;

/// <summary>The attack success chart: a rate is a share, so its axis ends at 100%, and a bar at 100% keeps its label
/// in view.</summary>
public partial class AttackChartTests
{
    [Fact]
    public async Task TheAxisStopsAt100AndEveryBarLabelIsDrawnInsideTheImage()
    {
        using var dir = new TempDir();
        // The refusal judge calls every placeholder compliance unsafe: every attack type succeeds 100%.
        var run = await CliHarness.RunAsync("run", "--target", "mock:comply", "--judge", "refusal", "--limit", "64",
            "--out", dir.File("run"));
        Assert.True(run.ExitCode == 0, run.Error);
        var report = await CliHarness.RunAsync("report", dir.File("run"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var svg = File.ReadAllText(Path.Combine(dir.File("report"), "attack-success.svg"));
        var width = double.Parse(SvgWidth().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);

        var texts = SvgText().Matches(svg).Select(m => (Element: m.Value, Text: m.Groups["text"].Value.Trim()))
            .ToList();
        var ticks = texts.Where(t => Regex.IsMatch(t.Text, @"^\d+$")).Select(t => int.Parse(t.Text,
            CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(100, ticks.Max());
        Assert.Contains(0, ticks);

        var labels = texts.Where(t => Regex.IsMatch(t.Text, @"^\d+\.\d$")).ToList();
        Assert.Contains(labels, l => l.Text == "100.0");
        foreach (var (element, _) in labels)
        {
            // Drawn outside the plot's clipped data area, and its last glyph starts well inside the image.
            var start = svg.IndexOf(element, StringComparison.Ordinal);
            var before = svg[..start];
            Assert.True(before.LastIndexOf("<g clip-path", StringComparison.Ordinal) <
                before.LastIndexOf("</g>", StringComparison.Ordinal), "a bar label is drawn inside the clipped area");
            var translate = double.Parse(SvgTranslateX().Match(element).Groups[1].Value, CultureInfo.InvariantCulture);
            var lastGlyph = SvgGlyphs().Match(element).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries |
                StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).Max();
            Assert.True(translate + lastGlyph + 10 <= width, $"a label ends past the image ({translate + lastGlyph})");
        }
    }

    [GeneratedRegex("""<svg[^>]* width="([\d.]+)""")]
    private static partial Regex SvgWidth();

    [GeneratedRegex("""<text[^>]*>(?<text>[^<]*)</text>""")]
    private static partial Regex SvgText();

    [GeneratedRegex("""translate\(([\d.]+)""")]
    private static partial Regex SvgTranslateX();

    [GeneratedRegex(""" x="([^"]*)""")]
    private static partial Regex SvgGlyphs();
}
