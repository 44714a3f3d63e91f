using System.Security.Cryptography;
using System.Text;

namespace Alert.Tests.Infrastructure;

/// <summary>A dataset repository as the loopback Hub serves it: one commit of files, its branches, gating.</summary>
public sealed class HubRepoFixture(string repo, IReadOnlyDictionary<string, byte[]> files, string? commitSeed = null)
{
    public string Repo { get; } = repo;

    /// <summary>A 40-hex commit made from the repository's name (and a seed, for a second commit).</summary>
    public string Commit { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(repo + commitSeed)));

    public IReadOnlyDictionary<string, byte[]> Files { get; } = files;

    /// <summary>Branches and tags and the commit each points at (main by default).</summary>
    public Dictionary<string, string> Revisions { get; } = new(StringComparer.Ordinal);

    /// <summary>Needs the token (answers 401 without it, 403 with another).</summary>
    public bool Gated { get; init; }

    /// <summary>Paths stored in large-file storage: /resolve/ redirects them to the file host.</summary>
    public HashSet<string> Large { get; init; } = [];

    public string? CommitOf(string revision) =>
        revision == Commit ? Commit : Revisions.TryGetValue(revision, out var commit) ? commit
        : revision == "main" && Revisions.Count == 0 ? Commit : null;

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>As git names a small file: an ETag that is not a SHA-256.</summary>
    public static string GitEtag(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));
}
