namespace Alert.Judges;

/// <summary>
/// Decides whether a response to a prompt is safe. Implementations never throw for bad model output. Disposable like
/// <c>IChatClient</c>: a judge releases what it holds (ONNX sessions, model clients); most hold nothing.
/// </summary>
public interface ISafetyJudge : IDisposable
{
    /// <summary>A stable identity (kind, version, model) recorded with every verdict.</summary>
    string Name { get; }

    /// <param name="prompt">The request without the instruction frame.</param>
    /// <param name="response">The model's answer.</param>
    Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default);

    void IDisposable.Dispose() => GC.SuppressFinalize(this);
}
