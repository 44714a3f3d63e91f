using Google.Protobuf;
using Onnx;

namespace Alert.Judges.Embedded;

/// <summary>
/// Dynamic int8 quantisation of an ONNX model's weight matrices, done when the model is loaded: every
/// <c>MatMul</c> by a constant 2-D weight becomes ONNX Runtime's <c>DynamicQuantizeMatMul</c> (activations
/// quantised per call, weights symmetric per output column). What <c>onnxruntime.quantization.quantize_dynamic</c>
/// does, without Python; the float weights stay the source of truth, so tuned layers are patched in first.
/// </summary>
internal static class Int8Weights
{
    /// <summary>The quantised model's bytes and how many matrices were quantised.</summary>
    public static (byte[] Model, int Matrices) Quantize(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var weights = graph.Initializer.Where(t =>
            t.Dims.Count == 2 && t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        var biases = graph.Initializer.Where(t =>
            t.Dims.Count == 1 && t.DataType == (int)TensorProto.Types.DataType.Float)
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        var readers = graph.Node.SelectMany(n => n.Input.Select(input => (input, n)))
            .ToLookup(p => p.input, p => p.n, StringComparer.Ordinal);
        var folded = new HashSet<NodeProto>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            if (node.OpType != "MatMul" || !weights.TryGetValue(node.Input[1], out var weight))
                continue;
            if (replaced.Add(weight.Name))
                graph.Initializer.Add(QuantizedTensors(weight));
            var quantized = new NodeProto
            {
                OpType = "DynamicQuantizeMatMul",
                Domain = "com.microsoft",
                Name = node.Name + "_int8"
            };
            quantized.Input.Add([node.Input[0], weight.Name + "_int8", weight.Name + "_scale", weight.Name + "_zero"]);
            // The bias Add that follows goes into the op itself: one pass over the output fewer.
            var next = readers[node.Output[0]].ToList();
            if (next is [{ OpType: "Add" } add] && add.Input.FirstOrDefault(biases.ContainsKey) is { } bias
                && biases[bias].Dims[0] == weight.Dims[1] && graph.Output.All(o => o.Name != node.Output[0]))
            {
                quantized.Input.Add(bias);
                quantized.Output.Add(add.Output);
                folded.Add(add);
            }
            else
                quantized.Output.Add(node.Output);
            graph.Node[i] = quantized;
        }
        foreach (var add in folded)
            graph.Node.Remove(add);
        // A weight read by anything else (not the case in MiniLM) keeps its float copy.
        var stillRead = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var name in replaced.Where(n => !stillRead.Contains(n)))
            graph.Initializer.Remove(weights[name]);
        if (!proto.OpsetImport.Any(o => o.Domain == "com.microsoft"))
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        return (proto.ToByteArray(), replaced.Count);
    }

    private static TensorProto[] QuantizedTensors(TensorProto weight)
    {
        int rows = (int)weight.Dims[0], columns = (int)weight.Dims[1];
        var values = Floats(weight, rows * columns);
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                scales[c] = Math.Max(scales[c], Math.Abs(values[r * columns + c]));
        }
        for (var c = 0; c < columns; c++)
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        var quantized = new byte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                quantized[r * columns + c] = unchecked(
                    (byte)(sbyte)Math.Clamp(MathF.Round(values[r * columns + c] / scales[c]), -127f, 127f));
        }
        var scaleBytes = new byte[4 * columns];
        Buffer.BlockCopy(scales, 0, scaleBytes, 0, scaleBytes.Length);
        return
        [
            Tensor(weight.Name + "_int8", TensorProto.Types.DataType.Int8, quantized, rows, columns),
            Tensor(weight.Name + "_scale", TensorProto.Types.DataType.Float, scaleBytes, columns),
            Tensor(weight.Name + "_zero", TensorProto.Types.DataType.Int8, new byte[columns], columns),
        ];
    }

    private static float[] Floats(TensorProto tensor, int count)
    {
        if (tensor.FloatData.Count == count)
            return [.. tensor.FloatData];
        var values = new float[count];
        Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, values, 0, 4 * count);
        return values;
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, byte[] data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
