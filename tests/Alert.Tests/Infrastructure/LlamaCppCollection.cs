namespace Alert.Tests.Infrastructure;

/// <summary>
/// Tests that load GGUF files into llama.cpp in this process run one at a time: its native loader is process-wide
/// state, and a test host crashed once while two classes loaded models at the same moment.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LlamaCppCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "llama.cpp in this process";
}
