using System.Text.Json;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Architecture;

/// <summary>
/// The core package carries no native runtime: ONNX Runtime, llama.cpp and Skia come only with the package that
/// needs them (Microsoft.Extensions.AI's pattern). Read from what restore resolved for each project, transitively.
/// </summary>
public class PackageTests
{
    private static readonly string[] Native = ["Microsoft.ML.OnnxRuntime", "LLamaSharp", "SkiaSharp", "ScottPlot",
        "SentenceTransformers"];

    [Fact]
    public void TheCorePackageHasNoNativeDependencies()
    {
        var libraries = ResolvedLibraries("Alert");
        // the file is read
        Assert.Contains(libraries, l => l.StartsWith("Microsoft.Extensions.AI/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => Native.Any(n => l.StartsWith(n, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("Alert.Onnx", "Microsoft.ML.OnnxRuntime")]
    [InlineData("Alert.Gguf", "LLamaSharp")]
    [InlineData("Alert.Charts", "SkiaSharp")]
    public void EachOptionalPackageBringsItsOwn(string project, string native)
    {
        var libraries = ResolvedLibraries(project);
        Assert.Contains(libraries, l => l.StartsWith(native, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, l => Native.Where(
            n => !native.StartsWith(n, StringComparison.OrdinalIgnoreCase) && !IsPartOf(project, n))
            .Any(n => l.StartsWith(n, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TheJudgesModelFilesShipInAlertOnnxNotInTheCore()
    {
        var core = typeof(Alert.DataFiles).Assembly.GetManifestResourceNames();
        var onnx = typeof(Alert.Judges.Embedded.ModelFiles).Assembly.GetManifestResourceNames();
        string[] models = [Alert.Judges.Embedded.JudgeFeatures.ResponseEncoderPath,
            Alert.Judges.Embedded.EmbeddedJudgeModel.DefaultPath,
            Alert.Judges.Embedded.EmbeddedJudgeModel.ModerationPath, Alert.Judges.Embedded.PromptGuard.TunedLayerPath,
                Alert.Judges.Embedded.PromptGuard.DefaultPath, Alert.Classification.ClassifierModel.DefaultPath];
        foreach (var model in models)
        {
            Assert.Contains("data/" + model, onnx);
            Assert.DoesNotContain("data/" + model, core);
        }
        Assert.DoesNotContain(core, r => r.EndsWith(".layer.bin", StringComparison.Ordinal));
        // The core keeps what it reads itself: judge cards, lexicons, prompts.
        Assert.Contains("data/" + Alert.Judges.RefusalJudge.LexiconPath, core);
        Assert.Contains(core, r => r.StartsWith("data/judges/embedded-v", StringComparison.Ordinal)
            && r.EndsWith(Alert.Judges.JudgeCard.Suffix, StringComparison.Ordinal));
        var coreSize = new FileInfo(typeof(Alert.DataFiles).Assembly.Location).Length;
        Assert.True(coreSize < 8_000_000, $"Alert.dll is {coreSize:N0} bytes");
    }

    private static bool IsPartOf(string project, string native) => (project, native) switch
    {
        ("Alert.Onnx", "SentenceTransformers") => true,
        ("Alert.Charts", "ScottPlot") => true,
        _ => false,
    };

    private static List<string> ResolvedLibraries(string project)
    {
        var assets = Path.Combine(CliHarness.RepoRoot, "src", project, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets}: restore first");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
    }
}
