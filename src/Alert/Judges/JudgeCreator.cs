namespace Alert.Judges;

/// <summary>Creates a judge of one kind from the part of its spec after the kind's name and colon.</summary>
public delegate ISafetyJudge JudgeCreator(string argument, JudgeContext context);
