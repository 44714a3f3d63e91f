namespace Alert.Reporting;

/// <summary>Names that tell runs apart: a name two runs share gets each run's directory name beside it.</summary>
internal static class RunNames
{
    /// <summary>One name per item, in order, no two alike.</summary>
    public static IReadOnlyList<string> Distinct<T>(
        IReadOnlyList<T> items, Func<T, string> name, Func<T, string> directory)
    {
        var names = items.Select(name).ToList();
        var shared = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var result = items.Select((item, i) => shared.Contains(names[i])
            ? $"{names[i]} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(directory(item)))})"
            : names[i]).ToList();
        // Directories of the same name (a/run, b/run) still collide: a number tells them apart.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            var n = seen[result[i]] = seen.GetValueOrDefault(result[i]) + 1;
            if (n > 1)
                result[i] += $" #{n}";
        }
        return result;
    }
}
