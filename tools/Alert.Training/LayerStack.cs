namespace Alert.Training;

/// <summary>The top layers of the encoder, bottom first, trained together.</summary>
internal sealed class LayerStack(TransformerLayer[] layers)
{
    public TransformerLayer[] Layers { get; } = layers;

    public float[][] All() => Layers.SelectMany(l => l.All()).ToArray();
    public LayerStack Clone() => new(Layers.Select(l => l.Clone()).ToArray());
    public LayerStack Zeros() => new(Layers.Select(_ => TransformerLayer.Zeros()).ToArray());

    public void Add(LayerStack other)
    {
        for (var i = 0; i < Layers.Length; i++)
            Layers[i].Add(other.Layers[i]);
    }

    public (TransformerLayer.Trace[] Traces, float[] Output) Forward(float[] x)
    {
        var traces = new TransformerLayer.Trace[Layers.Length];
        for (var i = 0; i < Layers.Length; i++)
        {
            traces[i] = Layers[i].Forward(x);
            x = traces[i].Output;
        }
        return (traces, x);
    }

    public void Backward(float[] x, TransformerLayer.Trace[] traces, float[] dOutput, LayerStack grads)
    {
        for (var i = Layers.Length - 1; i >= 0; i--)
        {
            var input = i == 0 ? x : traces[i - 1].Output;
            var dInput = i == 0 ? null : new float[input.Length];
            Layers[i].Backward(input, traces[i], dOutput, grads.Layers[i], dInput);
            dOutput = dInput!;
        }
    }
}
