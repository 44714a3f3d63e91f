namespace Alert.Cli.Infrastructure;

/// <summary>
/// Spectre reads a lone '-' as an option without a name ("Option does not have a name"): an option's value '-'
/// (stdin, as in <c>--input -</c>) is passed joined, as <c>--input=-</c>.
/// </summary>
internal static class StandardInputArguments
{
    public static string[] Join(string[] args)
    {
        var joined = new List<string>(args.Length);
        foreach (var arg in args)
        {
            if (arg == "-" && joined.Count > 0 && joined[^1].StartsWith("--", StringComparison.Ordinal)
                && !joined[^1].Contains('=', StringComparison.Ordinal))
                joined[^1] += "=-";
            else
                joined.Add(arg);
        }
        return [.. joined];
    }
}
