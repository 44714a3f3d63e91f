using Alert.Tests.Infrastructure;

namespace Alert.Tests.Architecture;

/// <summary>Types split by concern: no source file grows past a screenful or two.</summary>
public class SourceFileTests
{
    private const int MaxLines = 300;

    [Fact]
    public void NoSourceFileIsOverThreeHundredLines()
    {
        var root = CliHarness.RepoRoot;
        var files = new[] { "src", "tests", "bench", "tools" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        Assert.True(files.Count > 100, $"{files.Count} source files found");
        var tooLong = files.Select(f => (File: Path.GetRelativePath(root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines).Select(f => $"{f.File} ({f.Lines})").ToList();
        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines: {string.Join(", ", tooLong)}");
    }
}
