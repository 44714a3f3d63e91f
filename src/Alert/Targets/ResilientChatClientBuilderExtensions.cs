using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary><c>UseAlertResilience</c> on a <see cref="Microsoft.Extensions.AI.ChatClientBuilder"/>.</summary>
public static class ResilientChatClientBuilderExtensions
{
    /// <summary>Adds bounded retries (backoff, jitter, Retry-After), hedging of stragglers and an adaptive per-attempt
    /// timeout.</summary>
    public static ChatClientBuilder UseAlertResilience(
        this ChatClientBuilder builder, TargetOptions options, TimeProvider? time = null, TargetHealth? health = null,
        bool slotted = false) =>
        builder.Use(inner => new ResilientChatClient(inner, options, health, time, slotted));
}
