namespace Alert.Judges;

/// <summary>Checks one kind's spec argument and options: an error message, or null when both are fine.</summary>
public delegate string? JudgeValidator(string argument, JudgeOptions options);
