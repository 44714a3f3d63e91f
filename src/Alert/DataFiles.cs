using System.Reflection;

namespace Alert;

/// <summary>
/// The versioned data files under the repository's <c>data/</c> folder (taxonomy, judge prompts,
/// lexicons, built-in benchmark), embedded in the library so the tool works from any directory.
/// </summary>
public static class DataFiles
{
    private static readonly Assembly Assembly = typeof(DataFiles).Assembly;

    /// <summary>Opens <paramref name="path"/> (relative to <c>data/</c>, forward slashes).</summary>
    public static Stream Open(string path) => Open(Assembly, path);

    /// <summary>Opens a data file embedded in <paramref name="assembly"/> (another package's, such as Alert.Onnx's
    /// model files).</summary>
    public static Stream Open(Assembly assembly, string path) =>
        assembly.GetManifestResourceStream("data/" + path)
        ?? throw new AlertException($"data file 'data/{path}' is missing from this build of {assembly.GetName().Name}");

    /// <summary>A built-in data file's text, line endings normalised.</summary>
    public static string ReadText(string path) => ReadText(Assembly, path);

    /// <summary>The text of a data file embedded in <paramref name="assembly"/>, line endings normalised.</summary>
    public static string ReadText(Assembly assembly, string path)
    {
        using var reader = new StreamReader(Open(assembly, path));
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Non-empty lines that are not '#' comments.</summary>
    public static IReadOnlyList<string> ReadLines(string path) =>
        ReadText(path).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();

    /// <summary>A built-in data file of <c>[group]</c> headers, each followed by its lines, in file order (<see
    /// cref="Common.SectionedText"/>).</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Lines)> ReadGroups(string path) =>
        Common.SectionedText.Parse("data/" + path, ReadText(path));

    /// <summary>The built-in data files whose paths start with <paramref name="prefix"/>.</summary>
    public static IEnumerable<string> List(string prefix) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("data/" + prefix, StringComparison.Ordinal))
            .Select(n => n["data/".Length..]);
}
