namespace Alert.Benchmark.Hub;

/// <summary>
/// The Hugging Face cache layout, shared with Python's <c>huggingface_hub</c>: under the root, a folder
/// <c>datasets--OWNER--NAME</c> holds <c>blobs/ETAG</c> (the content), <c>snapshots/COMMIT/PATH</c> (a relative link
/// to the blob, or a copy where links fail) and <c>refs/REVISION</c> (the commit the revision was last seen at).
/// </summary>
internal sealed class HubCache(string root)
{
    /// <summary>The cache root.</summary>
    public string Root { get; } = root;

    /// <summary>The folder of one dataset repository.</summary>
    public string RepoFolder(string repo) =>
        Path.Combine(Root, "datasets--" + repo.Replace("/", "--", StringComparison.Ordinal));

    /// <summary>The commit <paramref name="revision"/> was resolved to, if the cache knows it.</summary>
    public string? ReadRef(string repo, string revision)
    {
        if (HubDatasetSpec.IsCommit(revision))
            return Directory.Exists(SnapshotFolder(repo, revision)) ? revision : null;
        var path = RefPath(repo, revision);
        return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } commit ? commit : null;
    }

    /// <summary>Records that <paramref name="revision"/> is at <paramref name="commit"/>.</summary>
    public void WriteRef(string repo, string revision, string commit)
    {
        if (revision == commit)
            return;
        var path = RefPath(repo, revision);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, commit);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The snapshot folder of <paramref name="commit"/>.</summary>
    public string SnapshotFolder(string repo, string commit) => Path.Combine(RepoFolder(repo), "snapshots", commit);

    /// <summary>Where <paramref name="file"/> (a repository path) of <paramref name="commit"/> lies.</summary>
    public string SnapshotPath(string repo, string commit, string file) =>
        Path.Combine(SnapshotFolder(repo, commit), file.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Where the content with <paramref name="etag"/> lies.</summary>
    public string BlobPath(string repo, string etag) => Path.Combine(RepoFolder(repo), "blobs", etag);

    /// <summary>
    /// Puts <paramref name="file"/> in the snapshot as a relative link to its blob, as <c>huggingface_hub</c> does;
    /// a copy where the file system refuses links.
    /// </summary>
    public string Link(string repo, string commit, string file, string etag)
    {
        var path = SnapshotPath(repo, commit, file);
        var blob = BlobPath(repo, etag);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            File.Delete(path);
        try
        {
            File.CreateSymbolicLink(path, Path.GetRelativePath(Path.GetDirectoryName(path)!, blob));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.Copy(blob, path, overwrite: true);
        }
        return path;
    }

    /// <summary>The files of a cached snapshot (repository paths); links whose blob is gone are left out.</summary>
    public IReadOnlyList<string> SnapshotFiles(string repo, string commit)
    {
        var folder = SnapshotFolder(repo, commit);
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(File.Exists) // a link is listed even when its target is missing
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every dataset in the cache: repository, revisions and their commits, snapshots, blob bytes.</summary>
    public IReadOnlyList<CachedDataset> List()
    {
        if (!Directory.Exists(Root))
            return [];
        var found = new List<CachedDataset>();
        foreach (var folder in Directory.EnumerateDirectories(Root, "datasets--*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder)["datasets--".Length..];
            var dash = name.IndexOf("--", StringComparison.Ordinal);
            var repo = dash < 0 ? name : name[..dash] + "/" + name[(dash + 2)..];
            var refs = Path.Combine(folder, "refs");
            var revisions = Directory.Exists(refs)
                ? Directory.EnumerateFiles(refs, "*", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(refs, f).Replace(Path.DirectorySeparatorChar, '/'),
                        f => File.ReadAllText(f).Trim(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var snapshotsFolder = Path.Combine(folder, "snapshots");
            var snapshots = Directory.Exists(snapshotsFolder)
                ? Directory.EnumerateDirectories(snapshotsFolder).Select(Path.GetFileName).OfType<string>()
                    .Order(StringComparer.Ordinal).ToList()
                : [];
            var blobs = Path.Combine(folder, "blobs");
            var bytes = Directory.Exists(blobs)
                ? Directory.EnumerateFiles(blobs).Where(f => !f.EndsWith(".incomplete", StringComparison.Ordinal))
                    .Sum(f => new FileInfo(f).Length)
                : 0;
            found.Add(new CachedDataset(repo, revisions, snapshots, bytes));
        }
        return found;
    }

    private string RefPath(string repo, string revision) =>
        Path.Combine(RepoFolder(repo), "refs", revision.Replace('/', Path.DirectorySeparatorChar));
}
