using System.Text.Json.Nodes;
using Alert.Benchmark.Hub;
using Alert.Benchmark.Tables;

namespace Alert.Benchmark.Sources;

/// <summary>
/// A Hub dataset as a run's benchmark: fetched (or found in the cache), read with the column and language choices,
/// and recorded with its provenance: the spec, the resolved commit and each file's SHA-256, which also enter the
/// benchmark hash so a run cannot resume against another commit.
/// </summary>
internal static class HubBenchmark
{
    public static async Task<BenchmarkSet> LoadAsync(
        HubDatasetSpec spec, BenchmarkSourceContext context, CancellationToken cancellationToken)
    {
        var snapshot = await new HubDatasetFetcher(context.HubOrDefault).FetchAsync(spec, cancellationToken)
            .ConfigureAwait(false);
        var known = KnownDatasets.ForRepo(snapshot.Spec.Repo, snapshot.Spec.Config);
        var prompts = await TableBenchmark.ReadAsync(
                [.. snapshot.Files.Select(f => f.LocalPath)], context.Columns, known, cancellationToken)
            .ConfigureAwait(false);
        var identity = string.Join("\n", [
            snapshot.Spec.ToString(), snapshot.Commit, context.Columns.ToString(),
            .. snapshot.Files.Select(f => f.Path + " " + f.Sha256)]);
        return new BenchmarkSet(snapshot.Spec.ToString(), Common.Sha256.Hex(identity), prompts)
        {
            Provenance = Provenance(snapshot, context.Columns).ToJsonString(),
        };
    }

    private static JsonObject Provenance(HubSnapshot snapshot, DatasetColumns columns)
    {
        var files = new JsonArray();
        foreach (var file in snapshot.Files)
            files.Add(new JsonObject { ["path"] = file.Path, ["sha256"] = file.Sha256, ["bytes"] = file.Bytes });
        var provenance = new JsonObject
        {
            ["source"] = "huggingface",
            ["dataset"] = snapshot.Spec.ToString(),
            ["repo"] = snapshot.Spec.Repo,
            ["config"] = snapshot.Spec.Config,
            ["split"] = snapshot.Spec.Split,
            ["revision"] = snapshot.Spec.Revision,
            ["commit"] = snapshot.Commit,
            ["files"] = files,
        };
        if (!columns.IsDefault)
            provenance["columns"] = columns.ToString();
        return provenance;
    }
}
