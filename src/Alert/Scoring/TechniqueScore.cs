namespace Alert.Scoring;

/// <summary>The attack success of one technique of a method that tries several on every goal (persuasion).</summary>
/// <param name="Technique">The technique's name, as the method's prompt file gives it.</param>
/// <param name="Scores">Its success as a method of its own (named <c>METHOD/TECHNIQUE</c>).</param>
public sealed record TechniqueScore(string Technique, AttackScores Scores);
