using System.Text.Json.Nodes;

namespace Alert.Classification;

/// <summary>What building a benchmark from a corpus did, for the manifest and the console.</summary>
public sealed record CorpusReport(int Read, int OutOfTaxonomy, int Duplicates, int Kept, IReadOnlyDictionary<string,
    int> ToppedUp)
{
    /// <summary>The <c>corpus</c> section of a built benchmark's manifest: the corpus file, its hash, the classifier
    /// and these counts.</summary>
    public async Task<JsonObject> ToManifestAsync(
        string corpusFile, string classifier, CancellationToken cancellationToken = default) => new()
        {
            ["file"] = Path.GetFileName(corpusFile),
            ["sha256"] = await Alert.Common.Sha256.FileHexAsync(corpusFile, cancellationToken).ConfigureAwait(false),
            ["classifier"] = classifier,
            ["read"] = Read,
            ["out_of_taxonomy"] = OutOfTaxonomy,
            ["duplicates"] = Duplicates,
            ["kept"] = Kept,
            ["topped_up"] = new JsonObject(ToppedUp.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
}
