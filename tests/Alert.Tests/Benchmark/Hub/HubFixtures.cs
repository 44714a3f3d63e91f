using System.Text;
using Alert.Benchmark.Hub;
using Alert.Tests.Infrastructure;
using Parquet;
using Parquet.Schema;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>Small datasets in the Hub's shapes, with placeholder prompts only.</summary>
public static class HubFixtures
{
    public static byte[] AlertJsonl(int rows, string? attack = null) => Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(1, rows).Select(i => $"{{\"id\": {i}, \"category\": \"{Category(i)}\", \"prompt\": "
            + $"\"### Instruction:\\nPlaceholder request {i}\\n### Response:\\n\""
            + (attack is null ? "" : $", \"attack_type\": \"{attack}\"") + "}\n")));

    public static string Category(int i) => i % 2 == 0 ? "crime_tax" : "hate_women";

    /// <summary>Babelscape/ALERT's layout: alert.jsonl and alert_adversarial.jsonl at the root.</summary>
    public static HubRepoFixture Alert(string? seed = null) => new("Babelscape/ALERT", new Dictionary<string, byte[]>
    {
        ["alert.jsonl"] = AlertJsonl(4),
        ["alert_adversarial.jsonl"] = AlertJsonl(3, "prefix_injection"),
    }, seed);

    /// <summary>M-ALERT's layout: one row per prompt, columns id, category, en, fr, de, es, it (Parquet).</summary>
    public static async Task<byte[]> MAlertParquetAsync(int rows)
    {
        var id = new DataField<long>("id");
        var category = new DataField<string>("category");
        var languages = KnownDatasets.MAlertLanguages.Select(l => new DataField<string>(l)).ToList();
        var schema = new ParquetSchema([id, category, .. languages]);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(id, Enumerable.Range(1, rows).Select(i => (long)i).ToArray());
            await group.WriteAsync(category, Enumerable.Range(1, rows).Select(Category).ToArray());
            foreach (var language in languages)
            {
                await group.WriteAsync(language,
                    Enumerable.Range(1, rows).Select(i => $"[{language.Name}] placeholder request {i}").ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>ALERT's columns (id, category, prompt) as Parquet: ids <paramref name="first"/> on.</summary>
    public static async Task<byte[]> AlertParquetAsync(int first, int rows)
    {
        var id = new DataField<long>("id");
        var category = new DataField<string>("category");
        var prompt = new DataField<string>("prompt");
        var ids = Enumerable.Range(first, rows).ToList();
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, category, prompt), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(id, ids.Select(i => (long)i).ToArray());
            await group.WriteAsync(category, ids.Select(Category).ToArray());
            await group.WriteAsync(prompt, ids.Select(i => $"Placeholder request {i}").ToArray());
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A repository whose dataset card declares two configs over globbed Parquet files, with a root
    /// <c>plain.jsonl</c> that the file-name conventions alone would call config <c>plain</c>.
    /// </summary>
    public static async Task<HubRepoFixture> CardRepoAsync(string repo = "owner/cards") =>
        new(repo, new Dictionary<string, byte[]>
        {
            ["README.md"] = Encoding.UTF8.GetBytes("""
                ---
                license: cc-by-nc-sa-4.0
                configs:
                - config_name: plain
                  default: true
                  data_files:
                  - split: test
                    path: data/plain-*.parquet
                - config_name: adversarial
                  data_files:
                    test: "data/adversarial/**/*.parquet"
                    train: [data/adversarial-train.jsonl]
                ---
                # A placeholder dataset card
                """),
            ["data/plain-00000-of-00002.parquet"] = await AlertParquetAsync(1, 3),
            ["data/plain-00001-of-00002.parquet"] = await AlertParquetAsync(4, 2),
            ["data/plain-notes.txt"] = Encoding.UTF8.GetBytes("not data"),
            ["data/adversarial/part-a/shard.parquet"] = await AlertParquetAsync(10, 2),
            ["data/adversarial/shard.parquet"] = await AlertParquetAsync(20, 1),
            ["data/adversarial-train.jsonl"] = AlertJsonl(2, "prefix_injection"),
            ["plain.jsonl"] = AlertJsonl(7),
        });

    /// <summary>
    /// Babelscape/ALERT and felfri/M-ALERT as published: each with a dataset card declaring its configs (ALERT's two
    /// JSONL files, M-ALERT's one Parquet shard under <c>data/</c>, served from the file host).
    /// </summary>
    public static async Task<HubRepoFixture[]> ReleasedWithCardsAsync(int mAlertRows) =>
    [
        new("Babelscape/ALERT", new Dictionary<string, byte[]>(Alert().Files)
        {
            ["README.md"] = Encoding.UTF8.GetBytes("""
                ---
                configs:
                - config_name: alert
                  data_files:
                  - split: test
                    path: alert.jsonl
                - config_name: alert_adversarial
                  data_files:
                  - split: test
                    path: alert_adversarial.jsonl
                license: cc-by-nc-sa-4.0
                ---
                """),
        }),
        new("felfri/M-ALERT", new Dictionary<string, byte[]>
        {
            ["README.md"] = Encoding.UTF8.GetBytes("---\nconfigs:\n- config_name: default\n  data_files:\n"
                + "  - split: train\n    path: data/train-*\n---\n"),
            ["data/train-00000-of-00001.parquet"] = await MAlertParquetAsync(mAlertRows),
        })
        { Large = ["data/train-00000-of-00001.parquet"] },
    ];

    public static HubSettings Settings(
        LoopbackHubServer server, string cache, string? token = null, bool offline = false) =>
        new()
        {
            Endpoint = server.Endpoint,
            CacheRoot = cache,
            Token = token,
            Offline = offline,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
}
