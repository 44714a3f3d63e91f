using System.Text;
using System.Text.RegularExpressions;

namespace Alert.Benchmark.Hub;

/// <summary>
/// A dataset card's file pattern matched against repository paths, as <c>datasets</c> matches them: <c>*</c> and
/// <c>?</c> within one folder, <c>**</c> across folders, <c>[abc]</c> one of those characters; a pattern without
/// any of them is a path (or a folder, meaning every file under it).
/// </summary>
internal sealed class RepoGlob
{
    private readonly Regex _regex;

    public RepoGlob(string pattern)
    {
        Pattern = (pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern).TrimStart('/');
        _regex = new Regex(ToRegex(Pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern, relative to the repository root.</summary>
    public string Pattern { get; }

    /// <summary>Whether the pattern has a wildcard (else it names a path or a folder).</summary>
    public bool IsWildcard => Pattern.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>The paths of <paramref name="files"/> it matches, in their order.</summary>
    public IEnumerable<string> Match(IEnumerable<string> files) =>
        IsWildcard ? files.Where(f => _regex.IsMatch(f))
        : files.Where(f => f == Pattern || f.StartsWith(Pattern.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:[^/]+/)*" : ".*"); // "**/" is any folders, none included
                i += slash ? 2 : 1;
            }
            else if (c == '*')
                regex.Append("[^/]*");
            else if (c == '?')
                regex.Append("[^/]");
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end && end > i + 1)
            {
                var set = pattern[(i + 1)..end];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set))
                    .Append(']');
                i = end;
            }
            else
                regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.Append('$').ToString();
    }
}
