using Alert.Tests.Infrastructure;

namespace Alert.Tests.Architecture;

/// <summary>Types split by concern: no file grows past a screenful or two, no line past 120 characters.</summary>
public class SourceFileTests
{
    private const int MaxLines = 300;
    private const int MaxLineLength = 120;

    [Fact]
    public void NoSourceFileIsOverThreeHundredLines()
    {
        var root = CliHarness.RepoRoot;
        var tooLong = SourceFiles()
            .Select(f => (File: Path.GetRelativePath(root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines})")
            .ToList();
        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void NoLineIsOverOneHundredTwentyCharacters()
    {
        var root = CliHarness.RepoRoot;
        var tooWide = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Number: i + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(root, l.File)}:{l.Number} ({l.Length})")
            .ToList();
        Assert.True(tooWide.Count == 0,
            $"{tooWide.Count} lines over {MaxLineLength} characters: {string.Join(", ", tooWide.Take(50))}");
    }

    private static List<string> SourceFiles()
    {
        var files = new[] { "src", "tests", "bench", "tools" }
            .Select(d => Path.Combine(CliHarness.RepoRoot, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 100, $"{files.Count} source files found");
        return files;
    }
}
