using Alert.Judges;

namespace Alert.Storage;

/// <summary>A judge's verdict on one stored response.</summary>
/// <remarks><see cref="Outcome"/> is set for benign prompts: whether the model complied, refused or partly
/// refused.</remarks>
public sealed record StoredVerdict(string Key, string Judge, Verdict Verdict, string Output,
    IReadOnlyList<string>? Codes, string? Reason, RefusalOutcome? Outcome = null);
