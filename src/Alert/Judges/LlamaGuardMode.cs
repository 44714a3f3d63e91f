namespace Alert.Judges;

/// <summary>How the conversation reaches a Llama Guard server.</summary>
public enum LlamaGuardMode
{
    /// <summary>Render the full task prompt here and send it as one user message (works with any chat
    /// template).</summary>
    Rendered,
    /// <summary>Send the conversation as user/assistant messages and let the server's Llama Guard chat template render
    /// it.</summary>
    Conversation,
}
