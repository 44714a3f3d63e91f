using Microsoft.Extensions.AI;

namespace Alert.Targets;

public static class ResilientChatClientBuilderExtensions
{
    /// <summary>Adds bounded retries (backoff, jitter, Retry-After), hedging of stragglers and an adaptive per-attempt timeout.</summary>
    public static ChatClientBuilder UseAlertResilience(this ChatClientBuilder builder, TargetOptions options, TimeProvider? time = null, TargetHealth? health = null, bool slotted = false) =>
        builder.Use(inner => new ResilientChatClient(inner, options, health, time, slotted));
}
