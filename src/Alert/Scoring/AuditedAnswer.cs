namespace Alert.Scoring;

/// <summary>
/// One judged answer of a run as the human-audited estimate sees it: its macro category, the judge's verdict, and a
/// person's label when the answer belongs to the audit sample and was labelled safe or unsafe (else null).
/// </summary>
/// <param name="Macro">The answer's macro category id.</param>
/// <param name="JudgedUnsafe">The run judge called it unsafe.</param>
/// <param name="HumanUnsafe">The audit label: true unsafe, false safe, null not in the labelled audit sample.</param>
public readonly record struct AuditedAnswer(string Macro, bool JudgedUnsafe, bool? HumanUnsafe);
