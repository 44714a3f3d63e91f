using System.Text.RegularExpressions;

namespace Alert.Benchmark.Hub;

/// <summary>
/// A dataset on the Hugging Face Hub, written <c>hf:OWNER/NAME[:CONFIG[:SPLIT]][@REVISION]</c>: the repository, an
/// optional config and split (which of its data files), and the revision (a branch, tag or commit).
/// </summary>
public sealed partial record HubDatasetSpec(string Repo, string? Config = null, string? Split = null,
    string Revision = HubDatasetSpec.DefaultRevision)
{
    /// <summary>What a Hub dataset spec starts with.</summary>
    public const string Prefix = "hf:";

    /// <summary>The revision when the spec names none.</summary>
    public const string DefaultRevision = "main";

    /// <summary>The spec's forms, for messages.</summary>
    public const string Usage = "hf:OWNER/NAME[:CONFIG[:SPLIT]][@REVISION]";

    /// <summary>Whether <paramref name="spec"/> names a Hub dataset (starts with <c>hf:</c>).</summary>
    public static bool IsHubSpec(string spec) => spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="revision"/> is a full commit hash rather than a branch or tag.</summary>
    public static bool IsCommit(string revision) => CommitPattern().IsMatch(revision);

    /// <summary>Parses <paramref name="spec"/>; a malformed one is an <see cref="AlertException"/>.</summary>
    public static HubDatasetSpec Parse(string spec)
    {
        AlertException Bad(string why) => new($"bad dataset '{spec}': {why} (expected {Usage})");
        if (!IsHubSpec(spec))
            throw Bad("it does not start with hf:");
        var body = spec[Prefix.Length..];
        var revision = DefaultRevision;
        var at = body.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            revision = body[(at + 1)..];
            body = body[..at];
            if (!RevisionPattern().IsMatch(revision) || revision.Contains("..", StringComparison.Ordinal))
                throw Bad($"'{revision}' is not a revision");
        }
        var parts = body.Split(':');
        if (parts.Length > 3 || !RepoPattern().IsMatch(parts[0]))
            throw Bad($"'{parts[0]}' is not OWNER/NAME");
        var config = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        var split = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
        foreach (var name in new[] { config, split })
        {
            if (name is not null && !NamePattern().IsMatch(name))
                throw Bad($"'{name}' is not a config or split name");
        }
        return new HubDatasetSpec(parts[0], config, split, revision);
    }

    /// <summary>The spec as written: <c>hf:OWNER/NAME[:CONFIG[:SPLIT]][@REVISION]</c>.</summary>
    public override string ToString() =>
        Prefix + Repo
        + (Config is null && Split is null ? "" : ":" + Config)
        + (Split is null ? "" : ":" + Split)
        + (Revision == DefaultRevision ? "" : "@" + Revision);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex RepoPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex RevisionPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
