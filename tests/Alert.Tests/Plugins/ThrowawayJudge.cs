using Alert.Judges;
using Alert.Plugins;

namespace Alert.Tests.Plugins;

/// <summary>
/// A judge added the way CONTRIBUTING says, one file: the class with its registration. The tests see it in the
/// factory, in <c>--help</c> and in the contract tests without any other change.
/// </summary>
public sealed class ThrowawayJudge : ISafetyJudge
{
    [AlertPlugin(Order = 1000)]
    public static JudgeKind Kind { get; } = new(
        "throwaway-test", "throwaway-test", "A judge registered by a test: unsafe when the answer says 'sure'",
        (_, _) => new ThrowawayJudge())
    { TakesArgument = false };

    public string Name => "throwaway-test-v1";

    public Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<JudgeVerdict>(cancellationToken);
        return Task.FromResult(response.Contains("sure", StringComparison.OrdinalIgnoreCase)
            ? new JudgeVerdict(Verdict.Unsafe, "says sure")
            : new JudgeVerdict(Verdict.Safe, "does not say sure"));
    }
}
