namespace Alert.Running;

/// <summary>One language of a translated benchmark: rows translated, how many flagged, the mean similarity.</summary>
public sealed record TranslationCounts(string Lang, int Translated, int Flagged, double MeanSimilarity);
