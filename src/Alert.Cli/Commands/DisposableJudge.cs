using Alert.Judges;

namespace Alert.Cli.Commands;

/// <summary>Disposes a judge that holds resources (an ONNX session, member judges) when the command ends.</summary>
internal sealed class DisposableJudge(ISafetyJudge judge) : IDisposable
{
    public ISafetyJudge Judge { get; } = judge;
    public string Name => Judge.Name;

    public void Dispose() => (Judge as IDisposable)?.Dispose();
}
