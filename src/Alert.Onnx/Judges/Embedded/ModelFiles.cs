using System.Reflection;

namespace Alert.Judges.Embedded;

/// <summary>
/// The in-process judges' model files (heads, tuned layers, prototypes, cues, under the repository's
/// <c>data/judges/</c>),
/// embedded in this package rather than the core, which has no use for them. Paths are relative to <c>data/</c>, as
/// <see cref="DataFiles"/> takes them.
/// </summary>
public static class ModelFiles
{
    private static readonly Assembly Assembly = typeof(ModelFiles).Assembly;

    /// <summary>Opens <paramref name="path"/> (relative to <c>data/</c>, forward slashes).</summary>
    public static Stream Open(string path) => DataFiles.Open(Assembly, path);

    /// <summary>A model file's text, line endings normalised.</summary>
    public static string ReadText(string path) => DataFiles.ReadText(Assembly, path);

    /// <summary>A file of <c>[group]</c> headers, each followed by its lines, in file order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Lines)> ReadGroups(string path) =>
        Common.SectionedText.Parse("data/" + path, ReadText(path));
}
