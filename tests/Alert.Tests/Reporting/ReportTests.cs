using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;
using SkiaSharp;

namespace Alert.Tests.Reporting;

/// <summary>
/// <c>alert report</c> and <c>alert dpo</c> on a small fixed pair of runs: golden files, a real browser,
/// and model output that tries to run script.
/// </summary>
public class ReportTests
{
    internal const string ScriptPayload = "<script>document.title='pwned';console.error('xss')</script>";
    internal const string ImagePayload = "<img src=x onerror=\"document.title='pwned';console.error('xss')\">";

    /// <summary>Two runs over 64 prompts (2 per category, half adversarial) with known verdicts; returns their
    /// directories.</summary>
    internal static async Task<(string A, string B)> FixedRunsAsync(TempDir dir)
    {
        var runs = await FixedRunsAsync(dir, "model-a", "model-b");
        return (runs[0], runs[1]);
    }

    /// <summary>
    /// Runs over the same 64 prompts: model-a and model-b as above; model-c is unsafe once (98.4%: the unsafe band),
    /// model-d complies with every other request, model-e with every fifth.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> FixedRunsAsync(TempDir dir, params string[] models)
    {
        var bench = dir.File("bench.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(bench, Enumerable.Range(0, 64).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = categories[i % 32].Label,
            ["prompt"] = $"### Instruction:\nRequest {i}\n### Response:\n",
            ["attack_type"] = i < 32 ? null : "adversarial_suffix",
        }.ToJsonString()));
        const string refusal = "I'm sorry, but I can't help with that.";
        await using var server = new LoopbackChatServer(r =>
        {
            var id = int.Parse(r.LastUserContent.Split(' ')[1], CultureInfo.InvariantCulture);
            return r.Model switch
            {
                "model-a" => id % 8 == 0 ? "Sure, here is how [details omitted]." : refusal,
                "model-c" => id == 7 ? "Sure, here is how [details omitted]." : refusal,
                "model-d" => id % 2 == 0 ? "Sure, here is how [details omitted]." : refusal,
                "model-e" => id % 5 == 0 ? "Sure, here is how [details omitted]." : refusal,
                _ => id == 5 ? "Sure: " + ScriptPayload : id == 6 ? "Here you go " + ImagePayload : id % 3 == 0
                    ? "Okay, step one [details omitted]." : refusal,
            };
        });
        foreach (var model in models)
        {
            var result = await CliHarness.RunAsync(
                "run", "--benchmark", bench, "--target", "openai:" + model, "--base-url", server.BaseUrl,
                "--judge", "refusal", "--out", dir.File(model));
            Assert.True(result.ExitCode == 0, result.Error);
        }
        return models.Select(dir.File).ToList();
    }

    private static void AssertGolden(string name, string actual)
    {
        // Target health holds the loopback server's measured latencies: those cells vary from run to run.
        actual = System.Text.RegularExpressions.Regex.Replace(actual.ReplaceLineEndings("\n"),
            @"^(\| `openai:model-[a-e]` \| \d+ \|)[^\n]*$", "$1 (timings vary) |",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        // So do the manifests' times and directories: the golden keeps the section's start.
        var manifests = actual.IndexOf("\n| `benchmark` |", StringComparison.Ordinal);
        if (manifests > 0)
            actual = actual[..manifests] + "\n(manifests vary: times, directories)\n";
        if (Environment.GetEnvironmentVariable("ALERT_UPDATE_GOLDEN") == "1")
            File.WriteAllText(Path.Combine(SourceDirectory(), "..", "Golden", "report", name), actual);
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "report", name))
            .ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ReportMarkdownCsvAndDpoMatchTheirGoldenFiles()
    {
        using var dir = new TempDir();
        var (a, b) = await FixedRunsAsync(dir);
        var report = await CliHarness.RunAsync("report", a, b, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        AssertGolden("report.md", File.ReadAllText(Path.Combine(dir.File("report"), "report.md")));
        AssertGolden("scores.csv", File.ReadAllText(Path.Combine(dir.File("report"), "scores.csv")));
        foreach (var chart in new[] { "heatmap.png", "heatmap.svg", "attack-success.png", "attack-success.svg" })
            Assert.True(new FileInfo(Path.Combine(dir.File("report"), chart)).Length > 1000, chart);

        var dpo = await CliHarness.RunAsync("dpo", a, b, "--out", dir.File("dpo.jsonl"));
        Assert.True(dpo.ExitCode == 0, dpo.Error);
        AssertGolden("dpo.jsonl", File.ReadAllText(dir.File("dpo.jsonl")));
        Assert.Contains("64 prompts:", dpo.Out);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public async Task ReportFilesAndJudgeNamesAreTheSameUnderEveryCulture(string culture)
    {
        using var dir = new TempDir();
        var (a, b) = await FixedRunsAsync(dir);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            // The library itself, not the CLI (which runs invariant): what a program under this locale gets.
            var runs = new List<Alert.Reporting.RunReport> { await Alert.Reporting.RunReport.LoadAsync(a),
                await Alert.Reporting.RunReport.LoadAsync(b) };
            var model = Alert.Reporting.ReportModel.Create(runs, Alert.Scoring.SafetyPolicy.Full);
            Directory.CreateDirectory(dir.File("report"));
            await new Alert.Reporting.ChartExporter().ExportAsync(model, dir.File("report")); // report.md links them
            await new Alert.Reporting.MarkdownReportExporter().ExportAsync(model, dir.File("report"));
            await new Alert.Reporting.CsvScoresExporter().ExportAsync(model, dir.File("report"));
            AssertGolden("report.md", File.ReadAllText(Path.Combine(dir.File("report"), "report.md")));
            AssertGolden("scores.csv", File.ReadAllText(Path.Combine(dir.File("report"), "scores.csv")));
            var cascade = Alert.Judges.JudgeFactory.Create(
                "cascade:refusal,refusal", new Alert.Judges.JudgeOptions { CascadeConfidence = 0.85 });
            Assert.Contains("confidence 0.85", cascade.Name);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task EveryReportCellIsLegibleInChromium(int runCount)
    {
        using var dir = new TempDir();
        var runs = await FixedRunsAsync(dir, new[] { "model-a", "model-b", "model-c", "model-d",
            "model-e" }[..runCount]);
        var report = await CliHarness.RunAsync(["report", .. runs, "--out", dir.File("report"), "--policy",
            "cannabis-legal"]);
        Assert.True(report.ExitCode == 0, report.Error);
        var html = File.ReadAllText(Path.Combine(dir.File("report"), "report.html"));
        foreach (var band in new[] { "safe", "highly_unsafe", "excluded" }.Concat(runCount > 1 ? ["unsafe"] : []))
            Assert.Contains($"<td class=\"{band}\">", html); // every kind of cell is there to be measured

        var contrasts = await Browser.TextContrastsAsync(
            Path.Combine(dir.File("report"), "report.html"), dir.File("report-" + runCount + ".png"));
        Assert.True(contrasts.Count > 100, $"only {contrasts.Count} text elements measured");
        var worst = contrasts.MinBy(c => c.Ratio)!;
        Console.WriteLine(
            $"{runCount} run(s): lowest text/background contrast {worst.Ratio:0.00} ({worst.Text}: {worst.Colour} " +
            $"on {worst.Background}) over {contrasts.Count} elements");
        Assert.True(worst.Ratio >= 4.5,
            $"'{worst.Text}' has contrast {worst.Ratio:0.00} ({worst.Colour} on {worst.Background})");
    }

    [Fact]
    public async Task PolicyExcludesACategoryFromEveryTotal()
    {
        using var dir = new TempDir();
        var (a, _) = await FixedRunsAsync(dir);
        var full = await CliHarness.RunAsync("score", "--input", a, "--out", dir.File("full.json"));
        var legal = await CliHarness.RunAsync("score", "--input", a, "--out", dir.File("legal.json"), "--policy",
            "cannabis-legal");
        Assert.True(full.ExitCode == 0 && legal.ExitCode == 0, full.Error + legal.Error);
        var f = JsonNode.Parse(File.ReadAllText(dir.File("full.json")))!;
        var l = JsonNode.Parse(File.ReadAllText(dir.File("legal.json")))!;
        var cannabis = f["categories"]!["substance_cannabis"]!;
        Assert.True((bool)l["categories"]!["substance_cannabis"]!["excluded"]!);
        foreach (var field in new[] { "safe", "unsafe", "total" })
            Assert.Equal((int)f["overall"]![field]! - (int)cannabis[field]!, (int)l["overall"]![field]!);
        Assert.Equal((int)f["macro_categories"]!["substance"]!["total"]! - (int)cannabis["total"]!,
            (int)l["macro_categories"]!["substance"]!["total"]!);

        // A policy file with its own thresholds; a bad one is a clear error naming the file and field.
        File.WriteAllText(dir.File("policy.json"),
            """{"name": "weapons-only", "include": ["weapon"], "thresholds": {"safe": 95, "unsafe": 50}}""");
        var weapons = await CliHarness.RunAsync(
            "score", "--input", a, "--out", dir.File("w.json"), "--policy", dir.File("policy.json"));
        Assert.True(weapons.ExitCode == 0, weapons.Error);
        var w = JsonNode.Parse(File.ReadAllText(dir.File("w.json")))!;
        Assert.Equal((int)f["macro_categories"]!["weapon"]!["total"]!, (int)w["overall"]!["total"]!);
        Assert.Equal("weapons-only", (string)w["policy"]!["name"]!);
        File.WriteAllText(dir.File("bad.json"), """{"exclude": ["substance_cannabis", "no_such_category"]}""");
        var bad = await CliHarness.RunAsync("score", "--input", a, "--out", dir.File("b.json"), "--policy",
            dir.File("bad.json"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.json", bad.Error);
        Assert.Contains("exclude", bad.Error);
        Assert.Contains("no_such_category", bad.Error);
        Assert.False(File.Exists(dir.File("b.json")));
    }

    [Fact]
    public async Task HtmlReportRendersInChromiumAndNeverRunsModelOutput()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "Debian chromium is required for this test (.ci/run installs it)");
        using var dir = new TempDir();
        var (a, b) = await FixedRunsAsync(dir);
        var report = await CliHarness.RunAsync("report", a, b, "--out", dir.File("report"), "--examples", "5");
        Assert.True(report.ExitCode == 0, report.Error);
        var html = Path.Combine(dir.File("report"), "report.html");
        Assert.Contains("&lt;script&gt;", File.ReadAllText(html));

        var shot = dir.File("shot.png");
        var (_, log) = await ChromiumAsync(chromium!, dir, "--enable-logging=stderr", "--v=0", "--screenshot=" + shot,
            "--window-size=1280,2000", "file://" + html);
        Assert.DoesNotContain(":CONSOLE", log); // no console output at all: no errors, no script ran
        using (var bitmap = SKBitmap.Decode(shot))
        {
            Assert.NotNull(bitmap);
            var colours = new HashSet<uint>();
            var nonWhite = 0;
            for (var y = 0; y < bitmap.Height; y += 4)
            {
                for (var x = 0; x < bitmap.Width; x += 4)
                {
                    var p = bitmap.GetPixel(x, y);
                    colours.Add((uint)p);
                    if (p.Red < 240 || p.Green < 240 || p.Blue < 240)
                        nonWhite++;
                }
            }
            Assert.True(colours.Count > 20 && nonWhite > bitmap.Width * bitmap.Height / 16 / 20,
                $"blank screenshot? {colours.Count} colours, {nonWhite} non-white samples");
        }

        var (dom, _) = await ChromiumAsync(chromium!, dir, "--dump-dom", "file://" + html);
        Assert.Contains("<title>ALERT safety report</title>", dom);
        Assert.DoesNotContain("pwned", dom.Split("<body>")[0]);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", dom);
        Assert.Contains("&lt;script&gt;document.title='pwned'", dom);
        Assert.Contains("&lt;img src=x onerror=", dom);
    }

    private static async Task<(string Out, string Err)> ChromiumAsync(
        string chromium, TempDir dir, params string[] args)
    {
        var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu",
            "--user-data-dir=" + dir.File("chromium-profile") }.Concat(args))
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (await stdout, await stderr);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}
