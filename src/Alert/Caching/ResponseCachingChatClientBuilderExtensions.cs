using Microsoft.Extensions.AI;

namespace Alert.Caching;

/// <summary><c>UseResponseCache</c> on a <see cref="Microsoft.Extensions.AI.ChatClientBuilder"/>.</summary>
public static class ResponseCachingChatClientBuilderExtensions
{
    /// <summary>Answers a request seen before from the shared answer cache; <paramref name="owner"/> names whose
    /// answers they are (never a key).</summary>
    public static ChatClientBuilder UseResponseCache(
        this ChatClientBuilder builder, ResponseCache cache, string owner, TimeProvider? time = null) =>
        builder.Use(inner => new ResponseCachingChatClient(inner, cache, owner, time));
}
