namespace Alert.Benchmark.Hub;

/// <summary>
/// Fetches a dataset's files into the Hugging Face cache: from the cache alone when the revision's snapshot already
/// holds them (no request), else by resolving the revision to a commit and downloading what is missing. Offline
/// (<c>HF_HUB_OFFLINE=1</c>) it only reads the cache.
/// </summary>
public sealed class HubDatasetFetcher(HubSettings settings)
{
    private const string DatasetCard = "README.md";
    private readonly HubCache _cache = new(settings.CacheRoot);

    /// <summary>The cache root in use.</summary>
    public string CacheRoot => _cache.Root;

    /// <summary>Every dataset in the cache.</summary>
    public IReadOnlyList<CachedDataset> Cached() => _cache.List();

    /// <summary>
    /// The files of <paramref name="spec"/> (its config and split; a known dataset's defaults fill in what it leaves
    /// out), downloaded if need be, with their SHA-256. The dataset card's <c>configs:</c> (its README.md front
    /// matter) say which files a config and split has; without them, the file names do.
    /// </summary>
    public async Task<HubSnapshot> FetchAsync(HubDatasetSpec spec, CancellationToken cancellationToken = default)
    {
        var known = KnownDatasets.ForRepo(spec.Repo, spec.Config);
        if (spec.Config is null && known?.Config is { } config)
            spec = spec with { Config = config };
        if (_cache.ReadRef(spec.Repo, spec.Revision) is { } cached)
        {
            var files = _cache.SnapshotFiles(spec.Repo, cached);
            if (files.Any(DatasetFileSelector.IsData))
            {
                var card = ReadCard(spec.Repo, cached, files);
                if (TrySelectCached(files, spec, known, card) is { } selected)
                {
                    return await DescribeAsync(selected.Spec, cached, selected.Files, true, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }
        if (settings.Offline)
        {
            throw new AlertException($"{spec} is not in the Hugging Face cache ({_cache.Root}) and "
                + $"{HubSettings.OfflineVariable}=1 forbids downloading it: unset {HubSettings.OfflineVariable} "
                + "to fetch it");
        }
        using var client = new HubClient(settings);
        var revision = await client.ResolveAsync(spec, cancellationToken).ConfigureAwait(false);
        var configs = await FetchCardAsync(client, spec.Repo, revision, cancellationToken).ConfigureAwait(false);
        var wanted = TrySelect(revision.Files, spec, known, configs, mustFind: true)!.Value;
        foreach (var file in wanted.Files)
            await DownloadAsync(client, spec.Repo, revision.Commit, file, cancellationToken).ConfigureAwait(false);
        _cache.WriteRef(spec.Repo, spec.Revision, revision.Commit);
        return await DescribeAsync(wanted.Spec, revision.Commit, wanted.Files, false, cancellationToken)
            .ConfigureAwait(false);
    }

    private static (HubDatasetSpec Spec, IReadOnlyList<string> Files)? TrySelect(IReadOnlyList<string> files,
        HubDatasetSpec spec, KnownDataset? known, IReadOnlyList<DatasetCardConfig> card, bool mustFind)
    {
        try
        {
            if (card.Count > 0)
            {
                var (picked, config) = CardFileSelector.Select(files, spec.Repo, card, spec.Config, spec.Split);
                return (spec with { Config = config }, picked);
            }
            return (spec, DatasetFileSelector.Select(files, spec.Repo, spec.Config, spec.Split, known?.Split));
        }
        catch (AlertException) when (!mustFind)
        {
            return null; // a cached snapshot without this config: ask the Hub
        }
    }

    private (HubDatasetSpec Spec, IReadOnlyList<string> Files)? TrySelectCached(
        IReadOnlyList<string> files, HubDatasetSpec spec, KnownDataset? known, IReadOnlyList<DatasetCardConfig> card)
    {
        try
        {
            // Offline, an unknown config or split is said at once; online, the Hub's file list decides.
            return TrySelect(files, spec, known, card, mustFind: settings.Offline);
        }
        catch (HubFileNotFoundException)
        {
            return null; // the card names files this snapshot lacks: offline, "not in the cache" says so
        }
    }

    private async Task<IReadOnlyList<DatasetCardConfig>> FetchCardAsync(
        HubClient client, string repo, HubRevision revision, CancellationToken cancellationToken)
    {
        if (!revision.Files.Contains(DatasetCard, StringComparer.Ordinal))
            return [];
        try
        {
            await DownloadAsync(client, repo, revision.Commit, DatasetCard, cancellationToken).ConfigureAwait(false);
        }
        catch (HubFileNotFoundException)
        {
            return []; // listed but not served: no card, the file names decide
        }
        return ReadCard(repo, revision.Commit, [DatasetCard]);
    }

    private IReadOnlyList<DatasetCardConfig> ReadCard(string repo, string commit, IReadOnlyList<string> files)
    {
        var path = _cache.SnapshotPath(repo, commit, DatasetCard);
        return files.Contains(DatasetCard, StringComparer.Ordinal) && File.Exists(path)
            ? DatasetCardReader.Read(File.ReadAllText(path), $"{repo}/{DatasetCard}")
            : [];
    }

    private async Task DownloadAsync(
        HubClient client, string repo, string commit, string file, CancellationToken cancellationToken)
    {
        if (File.Exists(_cache.SnapshotPath(repo, commit, file)))
            return;
        var info = await client.HeadAsync(repo, commit, file, cancellationToken).ConfigureAwait(false);
        if (info is { IsFileName: false })
            info = null; // an ETag that is no safe file name: name the blob by its content instead
        // Without an ETag the blob is named by the content's SHA-256 once it is complete.
        var etag = info?.Etag ?? "unnamed-" + Common.Sha256.Hex(commit + "/" + file);
        var blob = _cache.BlobPath(repo, etag);
        if (!File.Exists(blob))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
            var partial = blob + ".incomplete";
            await client.DownloadAsync(repo, commit, file, partial, cancellationToken).ConfigureAwait(false);
            var length = new FileInfo(partial).Length;
            if (info?.Size is { } size && length != size)
            {
                File.Delete(partial);
                throw new AlertException($"{repo}/{file}: downloaded {length} bytes, the Hub announced {size}");
            }
            var sha = await Common.Sha256.FileHexAsync(partial, cancellationToken).ConfigureAwait(false);
            if (info is { IsSha256: true } && sha != info.Etag)
            {
                File.Delete(partial);
                throw new AlertException(
                    $"{repo}/{file}: the download's SHA-256 is {sha}, the Hub announced {info.Etag}");
            }
            if (info is null)
            {
                etag = sha;
                blob = _cache.BlobPath(repo, etag);
            }
            File.Move(partial, blob, overwrite: true);
        }
        _cache.Link(repo, commit, file, etag);
    }

    private async Task<HubSnapshot> DescribeAsync(HubDatasetSpec spec, string commit, IReadOnlyList<string> files,
        bool fromCache, CancellationToken cancellationToken)
    {
        var described = new List<HubSnapshotFile>();
        foreach (var file in files)
        {
            var path = _cache.SnapshotPath(spec.Repo, commit, file);
            var sha = await Common.Sha256.FileHexAsync(path, cancellationToken).ConfigureAwait(false);
            using var handle = File.OpenHandle(path); // through the link, to the blob
            described.Add(new HubSnapshotFile(file, path, sha, RandomAccess.GetLength(handle)));
        }
        return new HubSnapshot(spec, commit, described, fromCache);
    }
}
