using Google.Protobuf;
using Onnx;

namespace Alert.Judges.Embedded;

/// <summary>
/// MiniLM cut to its lower layers: the graph's <c>last_hidden_state</c> becomes the output of layer
/// <c>layers - 1</c> and everything above it (nodes, weights, other outputs) is dropped. A reader of fewer
/// layers costs proportionally less per pass; its top layers are then tuned for the task (tools/Alert.Training
/// judge-tune).
/// </summary>
internal static class LayerTruncation
{
    /// <summary>Layers of the package's MiniLM-L6.</summary>
    public const int MiniLMLayers = 6;

    /// <summary>The model's bytes with only its lowest <paramref name="layers"/> transformer layers.</summary>
    public static byte[] Truncate(byte[] model, int layers)
    {
        if (layers is < 1 or > MiniLMLayers)
            throw new ArgumentOutOfRangeException(
                nameof(layers), layers, $"a MiniLM reader has 1 to {MiniLMLayers} layers");
        if (layers == MiniLMLayers)
            return model;
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var cut = LayerInput(graph, layers);
        const string output = "last_hidden_state";
        var producer = graph.Node.Single(n => n.Output.Contains(output));
        graph.Node.Remove(producer);
        var identity = new NodeProto { OpType = "Identity", Name = $"truncated_after_layer_{layers - 1}" };
        identity.Input.Add(cut);
        identity.Output.Add(output);
        graph.Node.Add(identity);
        foreach (var other in graph.Output.Where(o => o.Name != output).ToList())
            graph.Output.Remove(other);

        // Keep only what the output depends on.
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n)))
            .ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        var needed = new HashSet<NodeProto>();
        var pending = new Stack<string>([output]);
        while (pending.TryPop(out var tensor))
        {
            if (producers.TryGetValue(tensor, out var node) && needed.Add(node))
            {
                foreach (var input in node.Input.Where(i => i.Length > 0))
                    pending.Push(input);
            }
        }
        foreach (var node in graph.Node.Where(n => !needed.Contains(n)).ToList())
            graph.Node.Remove(node);
        var read = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer.Where(t => !read.Contains(t.Name)).ToList())
            graph.Initializer.Remove(initializer);
        return proto.ToByteArray();
    }

    /// <summary>The tensor layer <paramref name="layer"/> reads: the input of its query projection.</summary>
    public static string LayerInput(GraphProto graph, int layer)
    {
        var bias = $"encoder.layer.{layer}.attention.self.query.bias";
        var add = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains(bias));
        var matmulOutput = add.Input.Single(i => i != bias);
        return graph.Node.Single(n => n.OpType == "MatMul" && n.Output.Contains(matmulOutput)).Input[0];
    }
}
