using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Judges.Embedded;

namespace Alert.Classification;

/// <summary>
/// The learned stage's model file (<c>data/judges/taxonomy-classifier-v3.json</c>, trained by
/// <c>tools/Alert.Training classifier</c>): a softmax over <see cref="ClassifierFeatures"/> with one class per
/// micro category and <c>none</c>, plus what it was trained from and its cross-validated figures.
/// </summary>
internal sealed record ClassifierModel
{
    public const string Format = "alert-taxonomy-classifier";
    public const int FormatVersion = 1;
    /// <summary>The shipped model (relative to <c>data/</c>).</summary>
    public const string DefaultPath = "judges/taxonomy-classifier-v3.json";

    public required string Name { get; init; }
    /// <summary>The class of each softmax output: micro labels and <c>none</c>.</summary>
    public required string[] Classes { get; init; }
    public required SoftmaxRegression Head { get; init; }
    public string TrainedFrom { get; init; } = "";
    public int TrainingRows { get; init; }
    public JsonObject Metrics { get; init; } = [];
    /// <summary>The first 12 hex digits of the file's SHA-256 (empty for a model not read from a file).</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The shipped model.</summary>
    public static ClassifierModel LoadShipped()
    {
        using var stream = ModelFiles.Open(DefaultPath);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        var model = Load(copy, "data/" + DefaultPath);
        return model with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(copy.ToArray()))[..12] };
    }

    /// <summary>A model from a stream; <paramref name="name"/> names it in errors.</summary>
    public static ClassifierModel Load(Stream stream, string name)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(stream) as JsonObject ?? throw new AlertException($"{name}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new AlertException($"{name}: not a taxonomy classifier model ({e.Message})");
        }
        if ((string?)o["format"] != Format || (int?)o["format_version"] != FormatVersion)
            throw new AlertException($"{name}: not a '{Format}' model of version {FormatVersion}");
        if ((string?)o["feature_set"] != ClassifierFeatures.Set)
            throw new AlertException($"{name}: field 'feature_set' must be '{ClassifierFeatures.Set}'");
        float[] Floats(JsonNode? node, string field) => node?.AsArray().Select(v => (float)v!).ToArray()
            ?? throw new AlertException($"{name}: field '{field}' missing");
        var classes = o["classes"]?.AsArray().Select(v => (string)v!).ToArray()
            ?? throw new AlertException($"{name}: field 'classes' missing");
        var head = new SoftmaxRegression
        {
            Mean = Floats(o["mean"], "mean"),
            Scale = Floats(o["scale"], "scale"),
            Bias = Floats(o["bias"], "bias"),
            Weights = o["weights"]?.AsArray().Select(r => Floats(r, "weights")).ToArray()
                ?? throw new AlertException($"{name}: field 'weights' missing"),
        };
        if (head.Bias.Length != classes.Length || head.Weights.Length != classes.Length
            || head.Weights.Any(w => w.Length != head.Mean.Length) || head.Scale.Length != head.Mean.Length)
            throw new AlertException($"{name}: 'classes', 'bias', 'weights', 'mean' and 'scale' differ in size");
        return new ClassifierModel
        {
            Name = (string?)o["name"] ?? "",
            Classes = classes,
            Head = head,
            TrainedFrom = (string?)o["trained_from"] ?? "",
            TrainingRows = (int?)o["training_rows"] ?? 0,
            Metrics = o["metrics"] as JsonObject ?? [],
        };
    }

    /// <summary>The model file's content.</summary>
    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["format_version"] = FormatVersion,
        ["name"] = Name,
        ["feature_set"] = ClassifierFeatures.Set,
        ["head"] = "softmax regression, L2, standardised features",
        ["trained_from"] = TrainedFrom,
        ["training_rows"] = TrainingRows,
        ["metrics"] = Metrics.DeepClone(),
        ["classes"] = new JsonArray(Classes.Select(c => (JsonNode)c).ToArray()),
        ["bias"] = Array(Head.Bias),
        ["mean"] = Array(Head.Mean),
        ["scale"] = Array(Head.Scale),
        ["weights"] = new JsonArray(Head.Weights.Select(w => (JsonNode)Array(w)).ToArray()),
    };

    /// <summary>Writes the model file atomically.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        AtomicJsonlWriter.WriteAllTextAsync(path, ToJson().ToJsonString() + "\n", cancellationToken);

    private static JsonArray Array(float[] values) => new(values.Select(v => (JsonNode)Math.Round(v, 6)).ToArray());
}
