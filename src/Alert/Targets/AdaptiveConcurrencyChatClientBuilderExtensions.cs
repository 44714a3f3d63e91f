using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary><c>UseAdaptiveConcurrency</c> on a <see cref="Microsoft.Extensions.AI.ChatClientBuilder"/>.</summary>
public static class AdaptiveConcurrencyChatClientBuilderExtensions
{
    /// <summary>Keeps the requests in flight to the inner client's server under a limit that adapts to "slow down"
    /// (429/503 bursts).</summary>
    public static ChatClientBuilder UseAdaptiveConcurrency(
        this ChatClientBuilder builder, int maxConcurrency, TimeProvider? time = null, TargetHealth? health = null) =>
        builder.Use(inner => new AdaptiveConcurrencyChatClient(inner, maxConcurrency, time, health));
}
