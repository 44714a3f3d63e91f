using Alert.Judges;
using Microsoft.Extensions.AI;

namespace Alert.Guards;

/// <summary><c>UseAlertGuard</c> on a <see cref="Microsoft.Extensions.AI.ChatClientBuilder"/>.</summary>
public static class AlertGuardChatClientBuilderExtensions
{
    /// <summary>Guards the client with ALERT judges on its input, its output, or both.</summary>
    public static ChatClientBuilder UseAlertGuard(
        this ChatClientBuilder builder, ISafetyJudge? inputJudge, ISafetyJudge? outputJudge,
        Action<AlertGuardOptions>? configure = null) =>
        builder.Use(inner =>
        {
            var options = new AlertGuardOptions { InputJudge = inputJudge, OutputJudge = outputJudge };
            configure?.Invoke(options);
            return new AlertGuardChatClient(inner, options);
        });
}
